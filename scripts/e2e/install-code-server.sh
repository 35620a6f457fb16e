#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) from npm into a cache folder for the e2e tests, reusing it when present.
# Why the odd steps: see /work/shared/E2E.md — code-server's postinstall downloads ripgrep from GitHub and wants
# npm's unsafe-perm as root, so scripts are skipped and the native modules are rebuilt by hand against Node 20.
# Needs (apt): libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep, plus a C++ toolchain.
# Prints the path of the code-server binary on its last line of stdout.
set -euo pipefail

VERSION=4.100.3
DIR="${VIGIL_E2E_CACHE:-$HOME/.cache/vigil-e2e}/code-server-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"
STAMP="$DIR/.vigil-install-complete-2"  # bump the suffix when the steps below change

# A stamp written only after every step succeeded makes a half-finished install (killed run) redo itself.
if [[ -f "$STAMP" && -x "$BIN" ]]; then
  echo "code-server $VERSION: reusing $DIR" >&2
  echo "$BIN"
  exit 0
fi

for tool in rg pkg-config g++ make python3; do
  command -v "$tool" >/dev/null || { echo "install-code-server: missing '$tool' (apt-get install ripgrep pkg-config build-essential python3)" >&2; exit 1; }
done

echo "code-server $VERSION: installing into $DIR" >&2
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{"private":true}' > package.json
npm install "code-server@$VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error >&2

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog --loglevel=error >&2
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
# The built-in TypeScript/JavaScript extension needs the typescript package that VS Code ships beside it;
# without it, opening a .js file raises "Could not find bundled tsserver.js".
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)

cd "$DIR"
npm_config_yes=true npm rebuild argon2 --loglevel=error >&2

"$BIN" --config "$DIR/config.yaml" --version >&2  # --config: do not write ~/.config/code-server
touch "$STAMP"
echo "$BIN"
