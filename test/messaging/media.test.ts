import { createHash } from 'node:crypto';

import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { binaryBytes, binaryItem } from './helpers';

const env = useEmulator();

const media = (operation: string, parameters: Record<string, unknown> = {}, items?: Parameters<typeof runNode>[0]['items']) =>
	runNode({
		parameters: { resource: 'media', operation, wabaId: byId(env.emulator.ids.wabaId), phoneNumberId: byId(env.emulator.ids.phoneNumberId), ...parameters },
		credentials: env.credentials,
		items,
	});

// A small PNG-like file: bytes that survive the round trip unchanged, including non-UTF-8 ones.
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256))]);

describe('media', () => {
	it('round trip: upload from binary → get → download gives the same bytes and sha256 → delete', async () => {
		const uploaded = await media('upload', { binaryPropertyName: 'photo' }, [binaryItem(png, 'image/png', 'chart.png', 'photo')]);
		expect(uploaded.error).toBeUndefined();
		const id = String(uploaded.items[0].json.id);
		expect(uploaded.items[0].json).toMatchObject({ id, mime_type: 'image/png', file_size: png.length, file_name: 'chart.png', media_type: 'image' });
		const upload = env.emulator.calls('POST', `/${env.emulator.ids.phoneNumberId}/media`)[0];
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.body).toMatchObject({ messaging_product: 'whatsapp', type: 'image/png' });

		const got = await media('get', { mediaId: id });
		const sha256 = createHash('sha256').update(png).digest('hex');
		expect(got.items[0].json).toMatchObject({ id, mime_type: 'image/png', sha256, file_size: png.length, url: expect.stringContaining(env.emulator.url) });

		const downloaded = await media('download', { mediaId: id, outputBinaryPropertyName: 'file' });
		expect(downloaded.error).toBeUndefined();
		const binary = downloaded.items[0].binary!.file;
		expect(binary.mimeType).toBe('image/png');
		expect(binary.fileName).toBe(`${id}.png`);
		const bytes = await binaryBytes(binary);
		expect(bytes.equals(png)).toBe(true);
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(downloaded.items[0].json.sha256);
		expect(downloaded.items[0].json.url).toBeUndefined();
		const fetch = env.emulator.calls('GET', `/${id}/download`)[0];
		expect(fetch.headers.authorization).toBe(`Bearer ${env.credentials.accessToken}`);

		const deleted = await media('delete', { mediaId: id });
		expect(deleted.items[0].json).toEqual({ success: true, id });
		const gone = await media('get', { mediaId: id });
		expect(gone.error?.message).toBeDefined();
	});

	it('download uses the given file name', async () => {
		const uploaded = await media('upload', { binaryPropertyName: 'data' }, [binaryItem(Buffer.from('hello'), 'text/plain', 'a.txt')]);
		const id = String(uploaded.items[0].json.id);
		const downloaded = await media('download', { mediaId: id, outputBinaryPropertyName: 'data', mediaOptions: { fileName: 'notes.txt' } });
		expect(downloaded.items[0].binary!.data.fileName).toBe('notes.txt');
		expect((await binaryBytes(downloaded.items[0].binary!.data)).toString()).toBe('hello');
	});

	it('checks type and size before uploading: a GIF and an over-size sticker are refused locally', async () => {
		const gif = await media('upload', { binaryPropertyName: 'data' }, [binaryItem(Buffer.from('GIF89a'), 'image/gif', 'a.gif')]);
		expect(gif.error?.message).toMatch(/files of type "image\/gif" cannot be sent on WhatsApp/);
		const sticker = await media('upload', { binaryPropertyName: 'data' }, [binaryItem(Buffer.alloc(101 * 1024, 1), 'image/webp', 's.webp')]);
		expect(sticker.error?.message).toMatch(/the file is 101 KB; a sticker may be at most 100 KB/);
		expect(env.emulator.requests).toHaveLength(0);
	});

	it('with continueOnFail, a missing binary gives that item an error and the next item still uploads', async () => {
		const run = await runNode({
			parameters: { resource: 'media', operation: 'upload', wabaId: byId(env.emulator.ids.wabaId), phoneNumberId: byId(env.emulator.ids.phoneNumberId), binaryPropertyName: 'data' },
			credentials: env.credentials,
			items: [{ json: {} }, binaryItem(Buffer.from('hi'), 'text/plain', 'b.txt')],
			continueOnFail: true,
		});
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.items[0].json.error).toMatch(/no binary data in "data"/);
		expect(run.items[1].json.id).toBeDefined();
	});

	it('get with a phone number filter that does not own the file is refused by Meta', async () => {
		const uploaded = await media('upload', { binaryPropertyName: 'data' }, [binaryItem(Buffer.from('x'), 'text/plain', 'x.txt')]);
		const run = await media('get', { mediaId: String(uploaded.items[0].json.id), mediaOptions: { phoneNumberId: env.emulator.ids.secondPhoneNumberId } });
		expect(run.error?.message).toMatch(/\[code 100\]/);
	});
});
