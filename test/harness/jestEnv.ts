// n8n-core logs node errors to stdout; tests read errors from the run data instead.
process.env.N8N_LOG_LEVEL ??= 'silent';
