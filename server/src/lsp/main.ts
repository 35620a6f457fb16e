// Entry of dist/server.js: creates the connection (node IPC from VS Code, --stdio for tests and other editors) and starts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection() picks the transport from argv (--node-ipc, --stdio, --socket=<port>).
startServer(createConnection(ProposedFeatures.all));
