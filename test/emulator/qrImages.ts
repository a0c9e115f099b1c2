/** Pictures of QR codes, served by the emulator where Meta's CDN would serve them (GET /_emulator/qr/{code}.{png|svg}). */
export const QR_IMAGE_PREFIX = '/qr/';

// A valid 1×1 PNG: enough for a client to store and recognise as image/png.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

export function qrImageUrl(emulatorUrl: string, code: string, format: string): string {
	return `${emulatorUrl}/_emulator${QR_IMAGE_PREFIX}${code}.${format.toLowerCase()}`;
}

/** The picture for a control path like /qr/ABC.svg, or undefined. */
export function qrImage(path: string): { contentType: string; body: Buffer } | undefined {
	const match = /^\/qr\/([A-Z0-9]{14})\.(png|svg)$/.exec(path);
	if (!match) return undefined;
	if (match[2] === 'png') return { contentType: 'image/png', body: PNG };
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>${match[1]}</title><rect width="10" height="10"/></svg>`;
	return { contentType: 'image/svg+xml', body: Buffer.from(svg) };
}
