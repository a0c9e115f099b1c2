#!/usr/bin/env node
// `npm run sandbox:inbound -- "hello"`: makes the sandbox's emulator deliver a signed incoming message (as Meta does)
// to the callback URL the WABA subscribed with. Options: --from 15550101234, --name "Ana", --waba <wabaId>,
// --event <field> (another webhook field instead of a message, e.g. message_template_status_update),
// --tap <button> (tap a button or list row of the latest question sent with buttons or a list: its title or number,
// e.g. --tap "Approve refund" or --tap 2; --to <customer> picks the chat),
// --emulator-port N (4545; env SANDBOX_EMULATOR_PORT).
'use strict';

const args = process.argv.slice(2);
const options = {};
const words = [];
for (let i = 0; i < args.length; i++) {
	if (args[i].startsWith('--')) options[args[i].slice(2)] = args[++i];
	else words.push(args[i]);
}
const port = Number(options['emulator-port'] || process.env.SANDBOX_EMULATOR_PORT || 4545);

async function main() {
	const route = options.tap !== undefined ? 'tap' : options.event ? 'event' : 'inbound';
	const body =
		route === 'tap'
			? { option: options.tap, to: options.to, name: options.name }
			: options.event
				? { field: options.event, wabaId: options.waba }
				: { text: words.join(' ') || 'hello', from: options.from, name: options.name, wabaId: options.waba };
	let res;
	try {
		res = await fetch(`http://127.0.0.1:${port}/_emulator/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30000),
		});
	} catch (e) {
		console.error(`No emulator on 127.0.0.1:${port} (${e.cause?.code || e.message}). Start the sandbox first: npm start`);
		process.exit(1);
	}
	const result = await res.json();
	if (result.delivered) {
		const what = route === 'tap' ? ` (tapped "${result.tapped.option}" on ${result.tapped.id})` : options.event ? ` (${options.event})` : ` ("${body.text}")`;
		console.log(`Delivered to ${result.url} -> ${result.callbackStatus}${what}`);
		console.log(route === 'tap' ? 'The waiting execution continues (and a question already answered gets a polite reply); see the Executions tab in n8n.' : 'Open the workflow\'s Executions tab in n8n to see the run.');
	} else {
		console.error(`Not delivered: ${result.error || `callback answered ${result.callbackStatus} ${result.callbackBody}`}`);
		process.exit(1);
	}
}

main();
