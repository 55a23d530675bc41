/** Replay strings of real cases whose one-case pages the tests read (drawn by `ratecheck run` with the suites named). */

/** a defect case of envelope-lipschitz-gradient (H = ∇²f + 1e3·B passed off as exact; run ci's way with "subject": "defective"): violated at k = 79 */
export const ENVELOPE_DEFECT =
  'rc1:envelope-lipschitz-gradient:defect:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJub25saW5lYXItZXF1YXRpb25zLWxpbmVhciIsInBhcmFtcyI6eyJwIjoyLCJyb3dzIjo4fSwiZGltIjo4LCJzZWVkIjoyMH0sImhlc3NpYW4iOiJleGFjdCIsInBlcnR1cmJhdGlvbnMiOltdLCJtb2RlIjoicmVmZXJlbmNlIiwiZ2FtbWEwIjowLjAwMSwibWF4SXRlcnMiOjc5LCJncmFkVG9sUmVsYXRpdmUiOjFlLTl9';
/** a power case of search-guarantee (Algorithm 1 with a swapped part), caught at k = 0 where the search is exhausted */
export const SEARCH_POWER =
  'rc1:search-guarantee:power:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJsMC1sMS1mYW1pbHkiLCJwYXJhbXMiOnsia2luZCI6ImV4cCIsIm1ldHJpYyI6ImlkZW50aXR5Iiwicm93cyI6Im9ydGhvZ29uYWwiLCJnc2NOdSI6M30sImRpbSI6MSwic2VlZCI6MjE0NzQ4MzYzOH0sImhlc3NpYW4iOiJ6ZXJvIiwicGVydHVyYmF0aW9ucyI6W10sIm1vZGUiOiJzdHJpY3QiLCJnYW1tYTAiOjEwMDAsIm1heEl0ZXJzIjozMCwiZ3JhZFRvbFJlbGF0aXZlIjoxZS05fQ';
/** a power case of gradient-method-rate: the gradient method with a swapped line search, diverging */
export const GRADIENT_POWER =
  'rc1:gradient-method-rate:power:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJ0aGlyZC1vcmRlci1wb3dlci1zdW0iLCJwYXJhbXMiOnsibnUiOjAuNjEsImtpbmQiOiJhYnMiLCJtZXRyaWMiOiJpZGVudGl0eSIsInJvd3MiOiJnYXVzc2lhbiIsImV4dHJhUm93cyI6MH0sImRpbSI6Niwic2VlZCI6NzU2Mzk1MTA3fSwicGVydHVyYmF0aW9ucyI6W10sIm1heEl0ZXJzIjoyMSwiZ3JhZFRvbFJlbGF0aXZlIjoxZS05LCJtb2RlIjoic3RyaWN0IiwiZ2FtbWEwIjoxLCJoZXNzaWFuIjoiZXhhY3QiLCJtZXRob2QiOnsiaWQiOiJncmFkaWVudCIsIm9wdGlvbnMiOnsiTDAiOjAuMDAxfX19';
