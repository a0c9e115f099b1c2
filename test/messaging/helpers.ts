import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import type { GraphEmulator } from '../emulator/server';
import { runNode, type NodeRun, type TestCredentials } from '../harness/runNode';
import { byId } from '../helpers';

export const RECIPIENT = '15550101234';

/** Runs a message operation from the seeded account's first phone number. */
export function sendWith(
	env: { emulator: GraphEmulator; credentials: TestCredentials },
	parameters: Record<string, unknown>,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean; onRunning?: (stop: () => void) => void } = {},
): Promise<NodeRun> {
	const { emulator, credentials } = env;
	return runNode({
		parameters: {
			resource: 'message',
			operation: 'send',
			wabaId: byId(emulator.ids.wabaId),
			phoneNumberId: byId(emulator.ids.phoneNumberId),
			to: '+1 (555) 010-1234',
			messagesPerSecond: 1000,
			...parameters,
		},
		credentials,
		...options,
	});
}

/** Bodies the emulator accepted (it validated each against Meta's spec and the documented limits). */
export const acceptedBodies = (emulator: GraphEmulator) => emulator.state.acceptedMessages.map((message) => message.body);

export const messageCalls = (emulator: GraphEmulator) => emulator.calls('POST', `/${emulator.ids.phoneNumberId}/messages`);

/** Stores a media file in the emulator as if uploaded for the first phone number; returns its ID. */
export function seedMedia(emulator: GraphEmulator, mimeType: string, kind: string, bytes = Buffer.from('fake-bytes')): string {
	const media = emulator.state.add({
		id: emulator.state.newId(),
		type: 'media',
		wabaId: emulator.ids.wabaId,
		phoneNumberId: emulator.ids.phoneNumberId,
		mime_type: mimeType,
		mediaKind: kind,
		sha256: 'x',
		file_size: bytes.length,
	});
	emulator.state.mediaBytes.set(media.id, bytes);
	return media.id;
}

/** An input item carrying a file in binary field `property`. */
export function binaryItem(bytes: Buffer, mimeType: string, fileName: string, property = 'data', json: Record<string, unknown> = {}): INodeExecutionData {
	return { json, binary: { [property]: { data: bytes.toString('base64'), mimeType, fileName } } } as INodeExecutionData;
}

/** The bytes of an output binary, wherever n8n stored them (memory or filesystem mode). */
export async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
