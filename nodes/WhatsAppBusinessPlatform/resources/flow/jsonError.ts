/**
 * Where JSON text first goes wrong, as a character offset. Node's JSON.parse does not always say
 * where (Node 20 names only the token), so this small scanner finds the place to show line and column.
 */
export function jsonErrorOffset(text: string): number | undefined {
	let at = 0;
	const fail = (): never => {
		throw at;
	};
	const space = () => {
		while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
	};
	const literal = (word: string) => (text.startsWith(word, at) ? (at += word.length) : fail());
	const string = () => {
		at++;
		while (at < text.length && text[at] !== '"') {
			if (text[at] === '\\') at++;
			else if (text.charCodeAt(at) < 0x20) fail();
			at++;
		}
		if (at >= text.length) fail();
		at++;
	};
	const number = () => {
		const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 400));
		if (!match) fail();
		at += match![0].length;
	};
	const list = (close: string, entry: () => void) => {
		at++;
		space();
		if (text[at] === close) return void at++;
		for (;;) {
			entry();
			space();
			if (text[at] === ',') {
				at++;
				continue;
			}
			if (text[at] === close) return void at++;
			fail();
		}
	};
	const value = (): void => {
		space();
		const char = text[at];
		if (char === '{') {
			list('}', () => {
				space();
				if (text[at] !== '"') fail();
				string();
				space();
				if (text[at] !== ':') fail();
				at++;
				value();
			});
		} else if (char === '[') list(']', value);
		else if (char === '"') string();
		else if (char === 't') literal('true');
		else if (char === 'f') literal('false');
		else if (char === 'n') literal('null');
		else number();
	};
	try {
		value();
		space();
		return at < text.length ? at : undefined;
	} catch (offset) {
		return offset as number;
	}
}
