import { naturalGradientDampedSystemProperty } from '../../properties/natural-gradient-damped-system.js';
import { naturalGradientKfacExactProperty } from '../../properties/natural-gradient-kfac-exact.js';
import { naturalGradientPushThroughProperty } from '../../properties/natural-gradient-push-through.js';
import { naturalGradientResidualContractionProperty } from '../../properties/natural-gradient-residual-contraction.js';
import { rengRegularizedGradientProperty } from '../../properties/reng-regularized-gradient.js';
import { propertyTests } from '../properties/property-harness.js';

propertyTests(naturalGradientDampedSystemProperty, { seed: 5301, powerCases: 120 });
propertyTests(naturalGradientPushThroughProperty, { seed: 5302, powerCases: 30 });
propertyTests(naturalGradientKfacExactProperty, { seed: 5303, powerCases: 30 });
propertyTests(naturalGradientResidualContractionProperty, { seed: 5304, powerCases: 100 });
propertyTests(rengRegularizedGradientProperty, { seed: 5305, powerCases: 30 });
