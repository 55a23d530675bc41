import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

/**
 * The browser is the headless Chromium build shipped inside the npm package @sparticuz/chromium (a devDependency pinned in
 * package-lock.json): `npm ci` brings it, nothing is downloaded at test time and no system Chromium is needed.
 *
 * The package keeps brotli-compressed files in its bin/ folder: chromium.br (the binary), swiftshader.tar.br (the libEGL/libGLESv2
 * the GPU process loads from beside the binary), fonts.tar.br (Open Sans) and al2023.tar.br (NSS, NSPR and expat, the shared
 * libraries the binary links against). We unpack them ourselves rather than through the package's executablePath(): that one
 * writes to the fixed path <tmpdir>/chromium and returns at once whenever that path exists, so a second vitest worker starting
 * while the first is still writing launches a half-written binary (seen: 65 MB of 183 MB), an interrupted unpack is reused for
 * ever, and it unpacks the bundled libraries only on AWS Lambda. Here every process unpacks into a fresh staging folder and renames
 * it, complete, onto a folder named after the package version: the rename is atomic, so a folder under that name is always whole,
 * and when two workers race the loser drops its copy and uses the winner's.
 */
const PACKAGE = '@sparticuz/chromium';

/** flags that keep the browser off the network and out of the user's profile; none of the package's Lambda flags is needed (see openInChromium) */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** what an unpacked folder must hold to be used */
const REQUIRED = ['chromium', 'libGLESv2.so', 'libEGL.so', join('lib', 'libnss3.so'), join('lib', 'libnspr4.so'), join('fonts', 'fonts.conf')];

export interface ChromiumBuild {
  /** the package's version, which is the Chromium major version */
  readonly version: string;
  /** the unpacked binary */
  readonly executablePath: string;
  /** the bundled shared libraries, put first on the browser's LD_LIBRARY_PATH */
  readonly libDir: string;
  /** the bundled fonts */
  readonly fontDir: string;
}

export interface OpenedPage {
  readonly page: Page;
  /** the Chromium binary that was launched */
  readonly executablePath: string;
  /** console messages of type error, uncaught page errors and dialogs the page opened (a static page opens none), in order */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

function packageBinDir(): { binDir: string; version: string } {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch (e) {
    throw new Error(`${PACKAGE} is not installed: the browser tests take their Chromium from it (npm ci installs it as a devDependency)`, { cause: e });
  }
  // entry: <package>/build/cjs/index.cjs; the compressed files are in <package>/bin, as the package's own getBinPath() says
  const root = resolve(dirname(entry), '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
  if (manifest.name !== PACKAGE || !manifest.version) throw new Error(`${root} is not the ${PACKAGE} package`);
  return { binDir: join(root, 'bin'), version: manifest.version };
}

function isComplete(dir: string): boolean {
  return REQUIRED.every((f) => existsSync(join(dir, f)));
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** Extracts an in-memory (ustar/GNU) tar of plain files and folders into dir; any other entry, or a path leaving dir, is an error. */
function extractTar(tar: Buffer, dir: string, source: string): void {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const mode = Number.parseInt(field(header, 100, 8).trim() || '644', 8) & 0o777;
    const type = String.fromCharCode(header[156] ?? 0);
    const target = normalize(join(dir, name));
    if (isAbsolute(name) || !(target === dir || target.startsWith(dir + sep))) throw new Error(`${source}: entry ${name} leaves the folder`);
    if (type === '5') {
      mkdirSync(target, { recursive: true });
    } else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), { mode });
    } else {
      throw new Error(`${source}: entry ${name} has tar type ${JSON.stringify(type)}, only files and folders are expected`);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

async function unpackInto(binDir: string, dir: string): Promise<void> {
  const tars = [
    ['swiftshader.tar.br', dir],
    ['al2023.tar.br', dir],
    ['fonts.tar.br', join(dir, 'fonts')],
  ] as const;
  await Promise.all([
    pipeline(createReadStream(join(binDir, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(dir, 'chromium'), { mode: 0o755 })),
    ...tars.map(async ([file, into]) => {
      const tar = await promisify(brotliDecompress)(readFileSync(join(binDir, file)));
      extractTar(tar, into, file);
    }),
  ]);
}

let build: Promise<ChromiumBuild> | undefined;

async function unpack(): Promise<ChromiumBuild> {
  const { binDir, version } = packageBinDir();
  const dir = join(tmpdir(), `ratecheck-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  const result: ChromiumBuild = { version, executablePath: join(dir, 'chromium'), libDir: join(dir, 'lib'), fontDir: join(dir, 'fonts') };
  if (isComplete(dir)) return result;
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    await unpackInto(binDir, staging);
    if (!isComplete(staging)) throw new Error(`${PACKAGE} ${version}: unpacking ${binDir} left out one of ${REQUIRED.join(', ')}`);
    try {
      renameSync(staging, dir);
    } catch {
      // another worker's rename came first (its folder is whole), or a broken folder is in the way: replace that one
      if (!isComplete(dir)) {
        rmSync(dir, { recursive: true, force: true });
        renameSync(staging, dir);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return result;
}

/** Unpacks the package's Chromium (once per version and user, shared by concurrent workers) and says where it is. */
export function chromiumBuild(): Promise<ChromiumBuild> {
  build ??= unpack().catch((e: unknown) => {
    build = undefined;
    throw e;
  });
  return build;
}

function toUrl(fileUrlOrPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(fileUrlOrPath)) return fileUrlOrPath;
  return pathToFileURL(isAbsolute(fileUrlOrPath) ? fileUrlOrPath : resolve(fileUrlOrPath)).href;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Opens a page (a file: URL or a path) in headless Chromium with a fresh profile, collecting errors from the start; fails when the
 * package is missing or its Chromium does not start.
 *
 * Of the package's own `args` (flags for AWS Lambda) none is taken: --single-process and --no-zygote work around Lambda's
 * prctl restrictions, --disable-web-security and --allow-running-insecure-content would loosen the very page security the report
 * tests rely on, the SwiftShader/WebGL flags contradict --disable-gpu, and playwright passes --headless itself.
 * The binary gets the bundled NSS/NSPR/expat first on LD_LIBRARY_PATH (so a machine without libnss3 runs it) and a fontconfig file
 * of its own that lists only the bundled fonts, with the font cache in the profile.
 */
export async function openInChromium(fileUrlOrPath: string): Promise<OpenedPage> {
  const { executablePath, libDir, fontDir } = await chromiumBuild();
  const profile = mkdtempSync(join(tmpdir(), 'ratecheck-chromium-profile-'));
  const fontsConf = join(profile, 'fonts.conf');
  writeFileSync(fontsConf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${xml(fontDir)}</dir>\n  <cachedir>${xml(join(profile, 'fonts-cache'))}</cachedir>\n</fontconfig>\n`);
  const ldLibraryPath = [libDir, ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter((p) => p !== '')].join(':');
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: FLAGS,
      env: { ...process.env, LD_LIBRARY_PATH: ldLibraryPath, FONTCONFIG_FILE: fontsConf },
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const opened = context;
  const close = async () => {
    await opened.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = opened.pages()[0] ?? (await opened.newPage());
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      consoleErrors.push(`${d.type()} dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(toUrl(fileUrlOrPath), { waitUntil: 'load' });
    return { page, executablePath, consoleErrors, close };
  } catch (e) {
    await close();
    throw e;
  }
}
