/**
 * The report's only stylesheet, inline. Screen and print: the print rules keep a step on one
 * page where it fits, drop the background colours printers waste ink on, and show full URLs of
 * nothing (there are no links).
 */
export const reportCss = `
:root { color-scheme: light; --env: #777777; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1b1f24; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem 3rem; }
.banner { background: var(--env); color: #fff; padding: 0.8rem 1.25rem; }
.banner h1 { margin: 0; font-size: 1.35rem; }
.banner .sub { opacity: 0.95; }
.production-mark { display: inline-block; border: 2px solid #fff; padding: 0 0.4rem; font-weight: 700; margin-left: 0.5rem; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { margin: 1.4rem 0 0.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.step { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 0.8rem; margin: 0.6rem 0; break-inside: avoid; }
.step h4 { margin: 0 0 0.3rem; font-size: 1rem; }
.status { display: inline-block; min-width: 6.5rem; font-weight: 700; }
.status-succeeded { color: #1a7f37; } .status-failed { color: #cf222e; } .status-skipped { color: #9a6700; }
.status-unknown { color: #8250df; } .status-pending, .status-running { color: #57606a; }
.hosts-note { color: #9a6700; font-weight: 700; margin-right: 0.4rem; }
.tag { display: inline-block; border: 1px solid #8c959f; border-radius: 4px; padding: 0 0.3rem; font-size: 0.8rem; margin-left: 0.3rem; }
.tag-destructive { border-color: #cf222e; color: #cf222e; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 0.45rem; white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.35 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.output { max-height: none; }
.note { white-space: pre-wrap; border-left: 3px solid #8c959f; padding-left: 0.6rem; margin: 0.3rem 0; }
.meta { color: #57606a; font-size: 0.85rem; }
.ctl { color: #cf222e; border: 1px dotted #cf222e; font-size: 0.8em; }
svg.timeline { width: 100%; height: auto; }
svg .label, svg .axis, svg .legend { font: 11px system-ui, sans-serif; fill: #1b1f24; }
svg .planned { fill: #8c959f; } svg .actual { fill: #0969da; }
.payload { font-size: 10px; max-height: 12rem; overflow: auto; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .banner { color: #000; background: none; border: 3px solid var(--env); }
  .production-mark { border-color: #000; }
  .payload { max-height: none; overflow: visible; }
  h2 { break-after: avoid; }
}
`;
