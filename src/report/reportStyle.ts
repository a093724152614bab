/** Inline CSS of the report (no external fonts or stylesheets). */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fafafa;line-height:1.4}
header{background:#0b3d5c;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px 0;font-size:22px}
header .ids{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px;opacity:.9}
nav{padding:8px 24px;background:#e8eef2;font-size:14px}
nav a{margin-right:14px;color:#0b3d5c}
main{padding:8px 24px 40px 24px;max-width:1200px}
section{margin:18px 0;padding:12px 16px;background:#fff;border:1px solid #ddd;border-radius:6px}
h2{font-size:18px;margin:4px 0 10px 0}
h3{font-size:15px;margin:12px 0 6px 0}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f5}
td.num{font-variant-numeric:tabular-nums}
td .kind{font-size:11px;color:#555}
td.unit{white-space:nowrap}
table.summary td{max-width:320px}
section{overflow-x:auto}
.bad{background:#fde2d6}
.ok{background:#e3f3ea}
.warning{border:2px solid #D55E00;background:#fff1e8;padding:10px 14px;border-radius:6px;margin:14px 0}
.warning h2{color:#a33f00;margin-top:0}
.converged{border:2px solid #009E73;background:#eefaf4;padding:8px 14px;border-radius:6px;margin:14px 0}
.plots{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
figure{margin:0}
figcaption{font-size:12px;color:#444;max-width:640px}
.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.note{font-size:12px;color:#555}
ul.caption{margin:6px 0 0 0;padding-left:18px;max-width:900px}
ul.info{font-size:12px;color:#444;margin:6px 0 0 0}
.warning p{margin:4px 0}
.notice{border:1px solid #0072B2;background:#eef5fb;padding:6px 14px;border-radius:6px;margin:14px 0;font-size:13px}
.notice ul{margin:0;padding-left:18px}
a.figure-file{display:block;font-size:11px;margin:2px 0 6px 0}
@media print{
@page{margin:12mm}
body{background:#fff;font-size:10px}
header{background:none;color:#000;padding:0 0 6px 0;border-bottom:1px solid #000}
nav,a.figure-file{display:none}
main{max-width:none;padding:0}
section{overflow:visible;border:none;padding:0;margin:10px 0;break-inside:auto}
h1,h2,h3{break-after:avoid;page-break-after:avoid;break-inside:avoid}
table{width:100%;max-width:100%;table-layout:auto;font-size:9px}
th,td{padding:2px 4px;overflow-wrap:anywhere;word-break:break-word}
table.summary td{max-width:none}
td.unit{white-space:normal}
thead{display:table-header-group}
tr,figure{break-inside:avoid;page-break-inside:avoid}
.plots{display:block}
svg.nuem-plot{max-width:100%;height:auto}
.warning,.converged,.notice{break-inside:avoid}
}
`;
