/**
 * `out/report.html`: one self-contained page (no CDN, no external fetch). The data is embedded as JSON and a
 * small inline script draws the charts as SVG, so a headless browser can check that they were drawn.
 */
export interface ReportData {
  readonly title: string;
  readonly seed: number;
  readonly cases: number;
  readonly period: { readonly from: string; readonly to: string };
  readonly funnel: readonly { readonly stage: string; readonly count: number }[];
  readonly outcomes: Readonly<Record<string, number>>;
  readonly staffLoadPerWeek: readonly { readonly week: string; readonly due: number }[];
  readonly escalationsPerWeek: readonly { readonly week: string; readonly count: number }[];
  readonly timelines: readonly {
    readonly caseId: string;
    readonly events: readonly { readonly at: string; readonly label: string }[];
  }[];
  readonly summaryLines: readonly string[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to embed in a <script> element. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:1100px}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
.chart{border:1px solid #ddd;padding:.5rem;margin:.5rem 0}
svg text{font-size:11px;fill:#333}
pre{background:#f6f6f6;padding:1rem;overflow:auto;font-size:12px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
`;

// Runs in the browser: draws horizontal and vertical bar charts and timelines from the embedded data.
const SCRIPT = `
const data = JSON.parse(document.getElementById('report-data').textContent);
const NS = 'http://www.w3.org/2000/svg';
function el(name, attrs, text) { const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v)); if (text !== undefined) e.textContent = text; return e; }
function hbars(id, rows) { const host = document.getElementById(id); const max = Math.max(1, ...rows.map(r => r[1]));
  const svg = el('svg', { width: 700, height: rows.length * 24 + 10, role: 'img' });
  rows.forEach(([label, value], i) => { const w = Math.max(1, Math.round(value / max * 450));
    svg.appendChild(el('text', { x: 0, y: i * 24 + 16 }, label));
    svg.appendChild(el('rect', { class: 'bar', x: 190, y: i * 24 + 4, width: w, height: 16, fill: '#1d70b8' }));
    svg.appendChild(el('text', { x: 195 + w, y: i * 24 + 16 }, String(value))); });
  host.appendChild(svg); }
function vbars(id, rows, colour) { const host = document.getElementById(id); const max = Math.max(1, ...rows.map(r => r[1]));
  const bw = Math.max(2, Math.floor(1000 / Math.max(1, rows.length)) - 2);
  const svg = el('svg', { width: Math.max(300, rows.length * (bw + 2) + 40), height: 220, role: 'img' });
  rows.forEach(([label, value], i) => { const h = Math.round(value / max * 180);
    const bar = el('rect', { class: 'bar', x: 30 + i * (bw + 2), y: 190 - h, width: bw, height: h, fill: colour });
    bar.appendChild(el('title', {}, label + ': ' + value)); svg.appendChild(bar); });
  svg.appendChild(el('text', { x: 0, y: 12 }, String(max)));
  if (rows.length) { svg.appendChild(el('text', { x: 30, y: 210 }, rows[0][0]));
    svg.appendChild(el('text', { x: Math.max(30, rows.length * (bw + 2) - 40), y: 210 }, rows[rows.length - 1][0])); }
  host.appendChild(svg); }
function timelines(id, cases) { const host = document.getElementById(id);
  const times = cases.flatMap(c => c.events.map(e => Date.parse(e.at)));
  const min = Math.min(...times), max = Math.max(min + 1, ...times);
  const svg = el('svg', { width: 1000, height: cases.length * 28 + 10, role: 'img' });
  cases.forEach((c, i) => { const y = i * 28 + 14;
    svg.appendChild(el('text', { x: 0, y: y + 4 }, c.caseId.slice(0, 12)));
    svg.appendChild(el('line', { x1: 110, x2: 990, y1: y, y2: y, stroke: '#bbb' }));
    c.events.forEach(e => { const x = 110 + (Date.parse(e.at) - min) / (max - min) * 880;
      const dot = el('circle', { class: 'event', cx: x.toFixed(1), cy: y, r: 4, fill: '#d4351c' });
      dot.appendChild(el('title', {}, e.at.slice(0, 10) + ' ' + e.label)); svg.appendChild(dot); }); });
  host.appendChild(svg); }
hbars('funnel', data.funnel.map(f => [f.stage, f.count]));
hbars('outcomes', Object.entries(data.outcomes));
vbars('load', data.staffLoadPerWeek.map(w => [w.week, w.due]), '#00703c');
vbars('escalations', data.escalationsPerWeek.map(w => [w.week, w.count]), '#f47738');
timelines('timelines', data.timelines);
document.body.dataset.chartsDrawn = String(document.querySelectorAll('svg').length);
`;

export function renderReportHtml(data: ReportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(data.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p>${data.cases} synthetic cases, seed ${data.seed}, virtual time ${escapeHtml(data.period.from)} to ${escapeHtml(data.period.to)}. No real data.</p>
<h2>Funnel</h2><div class="chart" id="funnel"></div>
<h2>Outcomes</h2><div class="chart" id="outcomes"></div>
<h2>Staff load per week (tasks due)</h2><div class="chart" id="load"></div>
<h2>Escalations over time (per week)</h2><div class="chart" id="escalations"></div>
<h2>Timelines for a sample of cases</h2><div class="chart" id="timelines"></div>
<h2>Summary</h2><pre>${escapeHtml(data.summaryLines.join('\n'))}</pre>
<script type="application/json" id="report-data">${embedJson(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
