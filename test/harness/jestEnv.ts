// n8n-core logs node errors to stdout; tests read errors from the run data instead.
process.env.N8N_LOG_LEVEL ??= 'silent';
// n8n-core 1.x warns through the node's logger about the throwaway settings file's permissions (npm run test:n8n1-core).
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
