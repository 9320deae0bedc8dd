#!/usr/bin/env bash
# Refresh the vendored ECharts from the npm package (the dashboard never loads
# it from a CDN: officials' intranet has no internet).
# usage: scripts/vendor-echarts.sh [version]   (default: the version vendored now)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-5.6.0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
dst=dashboard/static/vendor/echarts
# The common build: line, bar, pie and scatter charts; tooltip, legend, title,
# toolbox, markers, dataZoom; canvas and SVG renderers. It holds everything
# the dashboard draws at 220 KB gzipped, against 340 KB for the full build.
rm -f "$dst"/echarts*.js
cp "$tmp/package/dist/echarts.common.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$dst/"
echo "$version" > "$dst/VERSION"
echo "vendored echarts $version into $dst"
