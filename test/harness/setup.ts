import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService, DataDeduplicationService } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { binaryDataConfig } from './compat';
import { deduplicator } from './deduplication';

let ready = false;

/** What an n8n process sets up once before running workflows: a user folder, binary data, a logger, deduplication. */
export function setupN8nCore(): void {
	if (ready) return;
	ready = true;
	process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-test-'));
	const quiet = { error() {}, warn() {}, info() {}, debug() {}, verbose() {}, scoped() { return quiet; } };
	LoggerProxy.init(quiet as never);
	const binaryData = Container.get(BinaryDataService) as unknown as { init(config?: unknown): Promise<void> };
	void binaryData.init(binaryDataConfig(process.env.N8N_USER_FOLDER));
	void DataDeduplicationService.init(deduplicator);
}
