// The tap listener of Buy the Laptop's maps (decide/tap_section.py). One tap, by touch,
// pen or mouse, anywhere on a map's plot area is reported once, as the laptop under the
// pointer: the trigger "tap" with {pink, small} in the map's own units (Python holds them to
// the square and the sliders' hundredths). Plotly alone would report a touch only on the
// second tap (it selects what was hovered before, and a touch hovers when it ends).
//
// The listener sits on the document (capture phase: it hears the pointer before Plotly) and
// finds the map under the pointer on each press, so a chart Streamlit draws anew (a rerun, a
// tab shown, a resize) needs nothing attached. It is attached once per listener: a render
// with new data only updates what it reports to.
const MOVED_PX = 10;  // a press that moves further is a drag or a scroll, not a tap
const LONGEST_MS = 800;  // a press held longer is not a tap either

// The map (Plotly's graph div) under `target` if it is one of `hosts` (class names of the
// maps' Streamlit elements), else null.
function mapUnder(target, hosts) {
  if (!(target instanceof Element)) return null;
  for (const host of hosts) {
    const element = target.closest("." + host);
    if (element) {
      const gd = target.closest(".js-plotly-plot");
      return gd && element.contains(gd) ? gd : null;
    }
  }
  return null;
}

// The laptop at the page point (x, y) of map `gd`, in its axes' units; null outside the
// plot area (the axes' labels, the colour bar, the legend, the title) or if the map is gone.
function laptopAt(gd, x, y) {
  const layout = gd && gd.isConnected ? gd._fullLayout : null;
  const area = gd && gd.querySelector(".nsewdrag");
  if (!layout || !layout.xaxis || !layout.yaxis || !area) return null;
  const box = area.getBoundingClientRect();
  const px = x - box.left, py = y - box.top;
  if (!(px >= 0 && py >= 0 && px <= box.width && py <= box.height)) return null;
  const pink = layout.xaxis.p2l(px), small = layout.yaxis.p2l(py);
  return Number.isFinite(pink) && Number.isFinite(small) ? { pink, small } : null;
}

function listen(state) {
  const options = { capture: true, passive: true };
  const down = (event) => {
    state.press = null;
    if (!event.isPrimary || (event.pointerType === "mouse" && event.button !== 0)) return;
    const gd = mapUnder(event.target, state.hosts);
    if (!gd || !laptopAt(gd, event.clientX, event.clientY)) return;
    state.press = { id: event.pointerId, x: event.clientX, y: event.clientY,
                    at: event.timeStamp, gd };
  };
  const up = (event) => {
    const press = state.press;
    if (!press || event.pointerId !== press.id) return;
    state.press = null;
    const moved = Math.hypot(event.clientX - press.x, event.clientY - press.y);
    if (moved > MOVED_PX || event.timeStamp - press.at > LONGEST_MS) return;
    const laptop = laptopAt(press.gd, press.x, press.y);
    if (laptop) state.report("tap", laptop);
  };
  const cancel = (event) => {
    if (state.press && event.pointerId === state.press.id) state.press = null;
  };
  document.addEventListener("pointerdown", down, options);
  document.addEventListener("pointerup", up, options);
  document.addEventListener("pointercancel", cancel, options);
  return () => {
    document.removeEventListener("pointerdown", down, options);
    document.removeEventListener("pointerup", up, options);
    document.removeEventListener("pointercancel", cancel, options);
  };
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const hosts = data && Array.isArray(data.hosts) ? data.hosts : [];
  let state = parentElement.__tapListener;
  if (!state) {
    state = parentElement.__tapListener = { press: null };
    const stop = listen(state);
    window.__tapListeners = (window.__tapListeners || 0) + 1;  // counted by the browser tests
    state.stop = () => {
      if (parentElement.__tapListener !== state) return;  // stopped already
      stop();
      delete parentElement.__tapListener;
      window.__tapListeners -= 1;
    };
  }
  state.hosts = hosts;
  state.report = setTriggerValue;
  return state.stop;
}
