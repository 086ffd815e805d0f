// The training player: plays, pauses, steps and scrubs a recorded training in the browser.
// Every frame is drawn from the numbers Python sent (data, see ui/player/payload.py); no
// server round trip per frame. The frame shown is reported back (state "frame") when
// playback stops, on a step and when the scrubber is released, so the page keeps it.
const NS = "http://www.w3.org/2000/svg";
const BUY = [27, 158, 119], NO_BUY = [217, 95, 2], MID = [247, 247, 247];
const POS = [47, 109, 181], NEG = [184, 50, 128], WHITE = [255, 255, 255];

function lut(low, mid, high) {  // byte -> rgba, low at 0, mid at 127.5, high at 255
  const out = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = v / 255, [a, b, u] = t < 0.5 ? [low, mid, t * 2] : [mid, high, t * 2 - 1];
    for (let c = 0; c < 3; c++) out[4 * v + c] = Math.round(a[c] + (b[c] - a[c]) * u);
    out[4 * v + 3] = 255;
  }
  return out;
}
const BUY_LUT = lut(NO_BUY, MID, BUY), NEURON_LUT = lut(NEG, WHITE, POS);

function el(tag, attrs, parent) {
  const node = document.createElementNS(NS, tag);
  for (const k in attrs) node.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(node);
  return node;
}
const REPORT_DELAY_MS = 400;

// A res x res canvas placed so each cell's centre sits on its grid point of the square.
function gridCanvas(box, res) {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = res;
  const cell = 100 / (res - 1);
  Object.assign(canvas.style, { left: -cell / 2 + "%", top: -cell / 2 + "%",
    width: cell * res + "%", height: cell * res + "%" });
  canvas.setAttribute("aria-hidden", "true");
  box.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  return { ctx, image: ctx.createImageData(res, res) };
}
function paint(target, values, offset, res, colours) {  // rows of the grid: small from 0 up
  const px = target.image.data;
  for (let i = 0; i < res; i++) {
    const row = offset + (res - 1 - i) * res;  // canvas row 0 is the top: small = 1
    for (let j = 0; j < res; j++) {
      const v = values[row + j] * 4, o = 4 * (i * res + j);
      px[o] = colours[v]; px[o + 1] = colours[v + 1]; px[o + 2] = colours[v + 2]; px[o + 3] = 255;
    }
  }
  target.ctx.putImageData(target.image, 0, 0);
}

// The 50% line by marching squares over the grid (unit-square coordinates, y up).
function halfLine(values, offset, res) {
  const t = 127.5, s = 1 / (res - 1), parts = [];
  const at = (i, j) => values[offset + i * res + j];
  const cross = (a, b) => (t - a) / (b - a);
  for (let i = 0; i < res - 1; i++) for (let j = 0; j < res - 1; j++) {
    const a = at(i, j), b = at(i, j + 1), c = at(i + 1, j + 1), d = at(i + 1, j);
    const pts = [];
    if ((a > t) !== (b > t)) pts.push([j + cross(a, b), i]);
    if ((b > t) !== (c > t)) pts.push([j + 1, i + cross(b, c)]);
    if ((d > t) !== (c > t)) pts.push([j + cross(d, c), i + 1]);
    if ((a > t) !== (d > t)) pts.push([j, i + cross(a, d)]);
    for (let k = 0; k + 1 < pts.length; k += 2)
      parts.push(`M${pts[k][0] * s} ${1 - pts[k][1] * s}L${pts[k + 1][0] * s} ${1 - pts[k + 1][1] * s}`);
  }
  return parts.join("");
}

function makePlayer(root, data, report) {
  const F = data.epochs.length, res = data.res, cells = res * res;
  const buy = data.buy, layers = data.layers.map((l) => l.maps);  // Uint8Arrays
  const q = (sel) => root.querySelector(sel);
  const state = { frame: Math.min(Math.max(data.start, 0), F - 1), playing: false, timer: 0,
                  last: 0, fps: data.fps, report, drawn: 0, pending: 0 };

  // --- the decision map with rows and the star
  const mapBox = q(".map"); mapBox.innerHTML = "";
  const buyCanvas = gridCanvas(mapBox, res);
  const over = el("svg", { viewBox: "0 0 1 1", preserveAspectRatio: "none", "aria-hidden": "true" }, mapBox);
  const line = el("path", { fill: "none", stroke: "#222", "stroke-width": 2, "stroke-dasharray": "6 4",
                            "vector-effect": "non-scaling-stroke" }, over);
  const rowMarks = data.rows.x.map(([px, py], r) => {
    const g = el("g", { transform: `translate(${px} ${1 - py})` }, over);
    if (data.rows.y[r] === 1) el("circle", { r: 0.022, fill: "rgb(27,158,119)", stroke: "#222",
                                            "stroke-width": 1.5, "vector-effect": "non-scaling-stroke" }, g);
    else for (const [colour, width] of [["#222", 6], ["rgb(217,95,2)", 3.5]])
      el("path", { d: "M-.02 -.02L.02 .02M-.02 .02L.02 -.02", stroke: colour,
                   "stroke-width": width, "vector-effect": "non-scaling-stroke" }, g);
    const ring = el("circle", { r: 0.04, fill: "none", stroke: "#111", "stroke-width": 1.5,
                                "stroke-dasharray": "3 2", "vector-effect": "non-scaling-stroke" }, g);
    return ring;
  });
  if (data.words) {  // another page's words for the map and the held-out rows
    q(".view h4").textContent = data.words.map_title;
    q(".view .note").textContent = data.words.map_note;
    q(".axis").innerHTML = "";
    data.words.axes.forEach((text) => { const s = document.createElement("span"); s.textContent = text; q(".axis").appendChild(s); });
  }
  if (data.laptop) {
    const [lx, ly] = data.laptop;
    el("path", { d: star(lx, 1 - ly, 0.045), fill: "#d6336c", stroke: "#000", "stroke-width": 1.5,
                 "vector-effect": "non-scaling-stroke" }, over);
  }

  // --- the network: edges as lines, hidden neurons as small maps
  const net = q(".net"); net.innerHTML = "";
  const sizes = data.sizes, cols = sizes.length, most = Math.max(...sizes);
  const W = 420, H = Math.max(170, most * 46 + 30), box = 34;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, "aria-hidden": "true" }, net);
  const xs = sizes.map((_, c) => 44 + (c * (W - 110)) / (cols - 1));
  const ys = sizes.map((n) => Array.from({ length: n }, (_, i) => H / 2 + (i - (n - 1) / 2) * 46));
  const edges = [];
  for (let l = 0; l < cols - 1; l++) {
    edges.push([]);
    for (let i = 0; i < sizes[l]; i++) for (let j = 0; j < sizes[l + 1]; j++)
      edges[l].push(el("line", { x1: xs[l], y1: ys[l][i], x2: xs[l + 1], y2: ys[l + 1][j], "stroke-linecap": "round" }, svg));
  }
  data.inputs.forEach((name, i) => {
    el("circle", { cx: xs[0], cy: ys[0][i], r: 13, fill: "#6c757d" }, svg);
    el("text", { x: xs[0] - 16, y: ys[0][i] + 4, "text-anchor": "end" }, svg).textContent = name;
  });
  data.outputs.forEach((name, i) => {
    el("circle", { cx: xs[cols - 1], cy: ys[cols - 1][i], r: 13,
                   fill: i === data.outputs.length - 1 ? "rgb(27,158,119)" : "rgb(217,95,2)",
                   stroke: "#333", "stroke-width": 1.5 }, svg);
    el("text", { x: xs[cols - 1] + 16, y: ys[cols - 1][i] + 4 }, svg).textContent = name;
  });
  const neuronCells = data.layers.map((layer, l) => Array.from({ length: layer.units }, (_, u) => {
    const cell = document.createElement("div");
    cell.className = "cell";
    Object.assign(cell.style, { left: ((xs[l + 1] - box / 2) / W) * 100 + "%",
      top: ((ys[l + 1][u] - box / 2) / H) * 100 + "%", width: (box / W) * 100 + "%",
      aspectRatio: "1" });
    net.appendChild(cell);
    return { cell, canvas: gridCanvas(cell, res) };
  }));

  // --- the curves: loss, accuracy, P(buy); the whole run faint, up to now solid
  const charts = q(".charts"); charts.innerHTML = "";
  const E = Math.max(1, data.epochs[F - 1]);
  const nowLines = [];
  function chart(title, series, yMax, yLabel, guide) {
    const div = document.createElement("div"); div.className = "chart";
    const h = document.createElement("h4"); h.textContent = title; div.appendChild(h);
    const cw = 300, ch = 120, pad = { l: 34, r: 8, t: 6, b: 20 };
    const s = el("svg", { viewBox: `0 0 ${cw} ${ch}`, role: "img" }, div);
    const px = (e) => pad.l + (e / E) * (cw - pad.l - pad.r);
    const py = (v) => pad.t + (1 - v / yMax) * (ch - pad.t - pad.b);
    el("line", { x1: pad.l, y1: py(0), x2: cw - pad.r, y2: py(0), stroke: "#9aa0ab" }, s);
    el("line", { x1: pad.l, y1: py(0), x2: pad.l, y2: py(yMax), stroke: "#9aa0ab" }, s);
    el("text", { x: pad.l - 4, y: py(yMax) + 8, "text-anchor": "end" }, s).textContent = yLabel;
    el("text", { x: pad.l - 4, y: py(0) + 3, "text-anchor": "end" }, s).textContent = "0";
    el("text", { x: pad.l, y: ch - 4 }, s).textContent = "epoch 0";
    el("text", { x: cw - pad.r, y: ch - 4, "text-anchor": "end" }, s).textContent = "epoch " + E;
    if (guide !== undefined) el("line", { x1: pad.l, y1: py(guide), x2: cw - pad.r, y2: py(guide),
                                          stroke: "#333", "stroke-dasharray": "4 3" }, s);
    const clipId = "clip" + Math.random().toString(36).slice(2);
    const clip = el("rect", { x: 0, y: 0, width: pad.l, height: ch }, el("clipPath", { id: clipId }, s));
    const legend = document.createElement("div"); legend.className = "legend";
    series.forEach(({ values, colour, dash, name }) => {
      const pts = values.map((v, f) => `${px(data.epochs[f]).toFixed(1)},${py(Math.min(v, yMax)).toFixed(1)}`).join(" ");
      el("polyline", { points: pts, fill: "none", stroke: colour, "stroke-width": 1.5, opacity: 0.3,
                       "stroke-dasharray": dash || "none" }, s);
      el("polyline", { points: pts, fill: "none", stroke: colour, "stroke-width": 2.5,
                       "stroke-dasharray": dash || "none", "clip-path": `url(#${clipId})` }, s);
      const item = document.createElement("span");
      item.innerHTML = `<i style="border-top-color:${colour};border-top-style:${dash ? "dashed" : "solid"}"></i>`;
      item.appendChild(document.createTextNode(name)); legend.appendChild(item);
    });
    const now = el("line", { y1: pad.t, y2: ch - pad.b, stroke: "#d6336c", "stroke-width": 2 }, s);
    div.appendChild(legend); charts.appendChild(div);
    nowLines.push({ svg: s, now, clip, px, title });
  }
  const m = data.metrics, lossMax = Math.max(0.1, ...(m.loss || [1]), ...(m.val_loss || [0]));
  const { trained, held_out: heldOut } = data.legend;  // the caller's words for the two sets
  const loss = [{ values: m.loss, colour: "#444", name: trained }];
  if (m.val_loss) loss.push({ values: m.val_loss, colour: "#444", dash: "5 3", name: heldOut });
  chart("Loss (lower is better)", loss, +lossMax.toFixed(2), lossMax.toFixed(2));
  const acc = [{ values: m.accuracy, colour: "rgb(27,158,119)", name: trained }];
  if (m.val_accuracy) acc.push({ values: m.val_accuracy, colour: "rgb(27,158,119)", dash: "5 3", name: heldOut });
  chart((data.words && data.words.accuracy_title) || "Accuracy (share of rows right)", acc, 1, "100%");
  if (data.laptop_buy) chart("Your laptop: P(buy)", [{ values: data.laptop_buy, colour: "#d6336c", name: "P(buy); dashed line: 50%" }], 1, "100%", 0.5);

  // --- controls
  const scrub = q("input[type=range]"), playButton = q("button.play"), label = q(".epoch");
  const sentence = q(".sentence"), speed = q("select");
  scrub.max = F - 1;
  speed.value = String(state.fps);

  function draw(f) {
    state.frame = f;
    paint(buyCanvas, buy, f * cells, res, BUY_LUT);
    line.setAttribute("d", halfLine(buy, f * cells, res));
    const right = data.rows.right[f];
    rowMarks.forEach((ring, r) => ring.setAttribute("visibility", right[r] === "1" ? "hidden" : "visible"));
    data.layers.forEach((layer, l) => neuronCells[l].forEach(({ cell, canvas }, u) => {
      paint(canvas, layers[l], (f * layer.units + u) * cells, res, NEURON_LUT);
      cell.classList.toggle("flat", layer.flat[f][u] === "1");
    }));
    data.weights.forEach((k, l) => {
      const w = k[f];
      edges[l].forEach((edge, e) => {
        edge.setAttribute("stroke", w[e] >= 0 ? "#2f6db5" : "#b83280");
        edge.setAttribute("stroke-width", (0.5 + 7.5 * Math.abs(w[e]) / data.wmax).toFixed(2));
      });
    });
    nowLines.forEach(({ now, clip, px }) => {
      const x = px(data.epochs[f]);
      now.setAttribute("x1", x); now.setAttribute("x2", x); clip.setAttribute("width", x);
    });
    const epoch = data.epochs[f], moment = data.labels[f];  // "epoch 3 of 20, batch 2 of 5"
    label.textContent = moment.charAt(0).toUpperCase() + moment.slice(1);
    scrub.value = f;
    scrub.setAttribute("aria-valuetext", moment);
    sentence.textContent = data.sentences[f];
    root.dataset.frame = f; root.dataset.epoch = epoch;
    state.drawn += 1; root.dataset.drawn = state.drawn;
  }
  function describe() {  // the charts' text alternatives, at rest only (not 30 times a second)
    const f = state.frame, at = data.labels[f];
    q(".map").setAttribute("aria-label", `Decision map at ${at}: ${data.alt.map[f]}`);
    q(".net").setAttribute("aria-label", `The network at ${at}: ${data.alt.net[f]}`);
    nowLines.forEach(({ svg, title }) => svg.setAttribute("aria-label",
      `${title}, the whole run, marked at ${at}: ${data.alt.curves[f]}`));
  }
  function show(f, tell) {
    draw(Math.min(Math.max(f, 0), F - 1));
    if (!tell) return;
    describe();
    // Tell the page once the frame has stayed put a moment: a run of steps or arrow keys
    // costs one rerun, not one each.
    clearTimeout(state.pending);
    state.pending = setTimeout(() => state.report("frame", state.frame), REPORT_DELAY_MS);
  }
  function tick(time) {
    if (!state.playing) return;
    if (time - state.last >= 1000 / state.fps - 2) {
      state.last = time;
      if (state.frame >= F - 1) { pause(); return; }
      draw(state.frame + 1);
    }
    state.timer = requestAnimationFrame(tick);
  }
  function play() {
    if (state.frame >= F - 1) draw(0);
    state.playing = true; state.last = performance.now();
    playButton.textContent = "❚❚ Pause"; playButton.setAttribute("aria-label", "Pause");
    sentence.setAttribute("aria-live", "off");
    root.dataset.playing = "1";
    state.timer = requestAnimationFrame(tick);
  }
  function pause() {
    state.playing = false; cancelAnimationFrame(state.timer);
    playButton.textContent = "▶ Play"; playButton.setAttribute("aria-label", "Play");
    sentence.setAttribute("aria-live", "polite");
    root.dataset.playing = "0";
    show(state.frame, true);
  }
  const on = (sel, what, fn) => q(sel).addEventListener(what, fn);
  on("button.play", "click", () => (state.playing ? pause() : play()));
  on("button.first", "click", () => { if (state.playing) pause(); show(0, true); });
  on("button.back", "click", () => { if (state.playing) pause(); show(state.frame - 1, true); });
  on("button.forward", "click", () => { if (state.playing) pause(); show(state.frame + 1, true); });
  on("button.last", "click", () => { if (state.playing) pause(); show(F - 1, true); });
  on("select", "change", () => { state.fps = Number(speed.value); });
  on("input[type=range]", "input", () => { if (state.playing) pause(); draw(Number(scrub.value)); });
  on("input[type=range]", "change", () => show(Number(scrub.value), true));
  draw(state.frame); describe();
  root.__seek = (f) => draw(f);  // for the benchmark: one frame drawn, synchronously
  return { id: data.id, state, stop: () => {
    state.playing = false; cancelAnimationFrame(state.timer); clearTimeout(state.pending);
  } };
}

function star(cx, cy, r) {
  let d = "";
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5, rr = k % 2 ? r * 0.45 : r;
    d += (k ? "L" : "M") + (cx + rr * Math.cos(a)).toFixed(4) + " " + (cy + rr * Math.sin(a)).toFixed(4);
  }
  return d + "Z";
}

// The payload arrives as bytes (ui/player/payload.py encode_payload): UTF-8 JSON with its id
// and start first, one NUL byte, then the maps' raw bytes ({"$bytes": [offset, length]} in
// the JSON). A stub, the head alone ({"id", "start"}, no NUL), comes when the server counts
// on this tab holding that payload: HELD keeps the last few for every player of the tab (the
// module lives as long as the tab), and one not held is asked for ("need" event).
const ID_AT_START = /^\{"id":"([^"]*)","start":(-?\d+)/;
const HELD = new Map(), HELD_MAX = 3, ASK_AGAIN_MS = 3000, ASKS = 3;
let decoded = 0, asked = 0;  // counts for the tests (data-decoded, data-asked on the player)
function head(bytes) {
  const match = ID_AT_START.exec(new TextDecoder().decode(bytes.subarray(0, 64)));
  return match ? { id: match[1], start: Number(match[2]) } : null;
}
function decode(bytes, nul) {
  const tail = bytes.subarray(nul + 1);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(0, nul)), (k, v) =>
    v && v.$bytes ? tail.subarray(v.$bytes[0], v.$bytes[0] + v.$bytes[1]) : v);
}
function hold(payload) {
  HELD.delete(payload.id); HELD.set(payload.id, payload);
  while (HELD.size > HELD_MAX) HELD.delete(HELD.keys().next().value);
}
function ask(root, id, setTriggerValue, tries) {  // until the payload comes (a lost ask is asked again)
  clearTimeout(root.__asking);
  if (tries <= 0 || HELD.has(id)) return;
  asked += 1; root.dataset.asked = asked;
  setTriggerValue("need", id);
  root.__asking = setTimeout(() => ask(root, id, setTriggerValue, tries - 1), ASK_AGAIN_MS);
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const root = parentElement.querySelector(".player");
  if (!root || !data) return;
  const bytes = data instanceof Uint8Array ? data
    : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  const at = bytes && head(bytes);
  if (!at) return;
  let player = root.__player;
  if (player && player.id === at.id) {  // shown already: the player keeps its own frame
    player.state.report = setStateValue;
    return;
  }
  const nul = bytes.indexOf(0);
  let payload = HELD.get(at.id);
  if (nul >= 0) { payload = decode(bytes, nul); decoded += 1; }
  if (!payload) { ask(root, at.id, setTriggerValue, ASKS); return; }
  clearTimeout(root.__asking);
  hold(payload);
  if (player) player.stop();
  player = root.__player = makePlayer(root, { ...payload, start: at.start }, setStateValue);
  root.dataset.decoded = decoded; root.dataset.asked = asked;
  root.__forget = () => HELD.clear();  // for the tests: a tab that lost what it was sent
}
