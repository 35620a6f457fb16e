// Creates the LanguageClient that starts dist/server.js over node IPC and routes settings through our middleware.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { explicitSettings } from './explicitSettings';
import { SUPPORTED_LANGUAGES } from './languages';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const documentSelector = SUPPORTED_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    diagnosticCollectionName: 'vigil',
    // The client watches .vigil/** and the configured pack paths itself (packWatcher.ts).
    initializationOptions: { clientWatchesFiles: true },
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer pulls for the `vigil` section ourselves (explicit values only); pass others on.
        configuration: async (params, token, next) => {
          if (!params.items.every((i) => i.section === 'vigil')) return next(params, token);
          return params.items.map((i) => explicitSettings(i.scopeUri));
        },
      },
    },
  };
  return new LanguageClient('vigil', 'Vigil', serverOptions, clientOptions);
}
