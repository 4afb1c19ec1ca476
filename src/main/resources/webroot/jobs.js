// The operators' dashboard at /jobs: the cluster's figures from one server-sent stream (a
// "history" event, then "figures" once a second), and the admin calls for recent jobs, a job's
// history, cancel, dead letters and requeue. Charts are SVG drawn here: three line charts need
// about fifty lines, where a charting library would be the page's largest file and one more
// thing to keep up to date.
"use strict";

const WINDOW_MS = 5 * 60 * 1000;
const LISTS_EVERY_MS = 2000;
const RECENT_SHOWN = 15;
const UNFINISHED = new Set(["PENDING", "RETRY", "STARTED"]);
const SVG = "http://www.w3.org/2000/svg";
const CHARTS = {
  "chart-finished": { series: ["success", "retry", "failure", "cancelled"], value: (f, s) => f.finished[s] },
  "chart-queue": { series: ["ready", "in_flight", "delayed", "dead_letter", "held"], value: (f, s) => (f.queue ? f.queue[s] : null) },
  "chart-runtime": { series: ["p50", "p99"], value: (f, s) => f.run[`${s}_ms`] },
};

/** Each second's figures, oldest first, for the last five minutes. */
let seconds = [];
/** What the lists were last read at: the recent jobs' version, the dead letters' count, the time. */
const lists = { jobsVersion: null, deadLetters: null, jobsReadAt: 0 };
let selectedTask = null;

function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) {
    made.textContent = text;
  }
  if (className) {
    made.className = className;
  }
  return made;
}

function svgElement(tag, attributes) {
  const made = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => made.setAttribute(name, value));
  return made;
}

/** A scale's top: 1, 2 or 5 times a power of ten, at or above the highest value. */
function niceTop(value) {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value);
}

function formatNumber(value) {
  if (value === null || value === undefined) {
    return "–";
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 1 : 0);
}

/** One line chart: a path per series (broken where a second has no value), its scale, and its legend. */
function drawChart(id) {
  const chart = CHARTS[id];
  const svg = document.getElementById(id);
  const width = 600, height = 150, top = 12;
  const now = seconds.length ? seconds[seconds.length - 1].at : Date.now();
  const x = (at) => ((at - (now - WINDOW_MS)) / WINDOW_MS) * width;
  let highest = 0;
  seconds.forEach((f) => chart.series.forEach((s) => { highest = Math.max(highest, chart.value(f, s) || 0); }));
  const scaleTop = niceTop(highest);
  const y = (value) => top + (height - top) * (1 - value / scaleTop);
  const drawn = [
    svgElement("line", { class: "grid", x1: 0, x2: width, y1: y(0), y2: y(0) }),
    svgElement("line", { class: "grid", x1: 0, x2: width, y1: y(scaleTop / 2), y2: y(scaleTop / 2) }),
    svgElement("line", { class: "grid", x1: 0, x2: width, y1: y(scaleTop), y2: y(scaleTop) }),
  ];
  const label = (text, attributes) => {
    const made = svgElement("text", attributes);
    made.textContent = text;
    return made;
  };
  drawn.push(label(formatNumber(scaleTop), { x: 2, y: top - 2 }), label("5 min ago", { x: 2, y: height + 15 }),
    label("now", { x: width - 22, y: height + 15 }));
  const legend = document.querySelector(`.legend[data-chart="${id}"]`);
  legend.replaceChildren();
  for (const s of chart.series) {
    let d = "";
    let pen = "M";
    let last = null;
    for (const f of seconds) {
      const value = chart.value(f, s);
      if (value === null || value === undefined) {
        pen = "M";
        continue;
      }
      const point = `${x(f.at).toFixed(1)},${y(value).toFixed(1)}`;
      d += pen === "M" ? `M${point} L${point} ` : `L${point} `; // a lone second shows as a dot
      pen = "L";
      last = value;
    }
    drawn.push(svgElement("path", { d: d.trim(), class: `s-${s}`, "data-series": s, "data-last": last === null ? "" : last }));
    const item = element("li");
    item.dataset.series = s;
    item.append(element("span", null, `swatch s-${s}`), `${s.replace("_", " ")}: `, element("strong", formatNumber(last)));
    legend.append(item);
  }
  svg.replaceChildren(...drawn);
  svg.dataset.highest = highest;
}

function drawCharts() {
  Object.keys(CHARTS).forEach(drawChart);
  const latest = seconds[seconds.length - 1];
  $("#queue-note").hidden = !latest || latest.queue !== null;
}

function ago(millis) {
  return millis < 1000 ? `${millis} ms ago` : `${(millis / 1000).toFixed(1)} s ago`;
}

function clock(millis) {
  return new Date(millis).toISOString().slice(11, 19);
}

function renderNodes(nodes) {
  const rows = nodes.map((node) => {
    const row = element("tr");
    row.dataset.node = node.node;
    row.classList.toggle("left", node.left_at !== null && node.left_at !== undefined);
    const workers = node.workers.map((w) => `${w.name} (${w.in_hand} / ${w.concurrency})`).join(", ") || "–";
    const heard = row.classList.contains("left") ? `left at ${clock(node.left_at)} UTC` : ago(node.heard_ms_ago);
    [`${node.node}`, node.roles.join(", "), node.host, workers, String(node.in_hand), heard]
      .forEach((text) => row.append(element("td", text)));
    return row;
  });
  $("#nodes tbody").replaceChildren(...rows);
}

/** The service's time in UTC ("2030-01-01T09:00:00") as milliseconds. */
function utc(text) {
  return text ? Date.parse(`${text}Z`) : null;
}

function duration(from, to) {
  if (from === null) {
    return "–";
  }
  const millis = Math.max(0, (to === null ? Date.now() : to) - from);
  return millis < 60000 ? `${(millis / 1000).toFixed(0)} s` : `${(millis / 60000).toFixed(1)} min`;
}

function actionButton(text, label, action) {
  const button = element("button", text);
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.addEventListener("click", async (event) => {
    event.stopPropagation();
    button.disabled = true;
    try {
      await action();
      await refreshLists();
    } catch (error) {
      say(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function renderJobs(jobs) {
  const rows = jobs.map((job) => {
    const row = element("tr");
    row.dataset.task = job.task_id;
    row.classList.toggle("selected", job.task_id === selectedTask);
    const created = utc(job.created_at), started = utc(job.started_at), finished = utc(job.finished_at);
    const idCell = element("td", job.task_id.slice(0, 8), "id");
    idCell.title = job.task_id;
    const progress = element("td");
    if (job.progress) {
      const bar = element("progress");
      bar.max = Math.max(job.progress.total, 1);
      bar.value = job.progress.done;
      bar.title = `${job.progress.done} of ${job.progress.total} todos`;
      progress.append(bar);
    } else if (job.task_status === "SUCCESS") {
      progress.textContent = "done";
    }
    const action = element("td");
    if (UNFINISHED.has(job.task_status)) {
      action.append(actionButton("Cancel", `Cancel task ${job.task_id}`,
        () => api("POST", `/admin/jobs/${job.task_id}/cancel`)));
    }
    row.append(idCell, element("td", job.task_status, "state"), element("td", String(job.attempts)),
      element("td", job.worker || "–"), element("td", duration(created, started)),
      element("td", started === null ? "–" : duration(started, finished)), progress, action);
    row.addEventListener("click", () => showJob(job.task_id).catch((error) => say(error.message, "error")));
    return row;
  });
  $("#jobs tbody").replaceChildren(...rows);
}

async function showJob(taskId) {
  selectedTask = taskId;
  const job = await api("GET", `/admin/jobs/${taskId}`);
  $("#detail-id").textContent = job.task_id;
  $("#detail-summary").textContent = `${job.task_status}, attempt ${job.attempts}`
    + (job.owner ? `, owner ${job.owner}` : "") + (job.requeues ? `, requeued ${job.requeues} time(s)` : "");
  $("#detail-events").replaceChildren(...job.events.map((event) => element("li",
    `${event.at ? event.at.replace("T", " ") + " UTC" : "(time unknown)"}: ${event.state}`
    + (event.state === "PENDING" ? "" : ` (attempt ${event.attempt}${event.worker ? ", " + event.worker : ""})`)
    + (event.error ? ` — ${event.error}` : ""))));
  $("#job-detail").hidden = false;
  document.querySelectorAll("#jobs tr").forEach((row) => row.classList.toggle("selected", row.dataset.task === taskId));
}

function renderDeadLetters(letters) {
  const rows = letters.map((letter) => {
    const row = element("tr");
    row.dataset.task = letter.task_id;
    const idCell = element("td", letter.task_id.slice(0, 8), "id");
    idCell.title = letter.task_id;
    const action = element("td");
    action.append(actionButton("Requeue", `Requeue task ${letter.task_id}`,
      () => api("POST", `/admin/dead-letters/${letter.task_id}/requeue`)));
    row.append(idCell, element("td", (letter.dead_lettered_at || "").replace("T", " ")), element("td", String(letter.attempts)),
      element("td", String(letter.requeues)), element("td", letter.error || "–"), action);
    return row;
  });
  $("#dead-letters tbody").replaceChildren(...rows);
}

/** Each list says on its own line when it cannot be read (the store down): the rest of the page goes on. */
async function refreshList(statusLine, load) {
  try {
    await load();
    statusLine.textContent = `Updated ${clock(Date.now())} UTC.`;
  } catch (error) {
    statusLine.textContent = `Not updated: ${error.message}`;
  }
}

function refreshJobs() {
  const id = $("#job-id").value.trim();
  const query = `?limit=${RECENT_SHOWN}` + (id ? `&id=${encodeURIComponent(id)}` : "");
  lists.jobsReadAt = Date.now();
  return refreshList($("#jobs-status"), async () => renderJobs((await api("GET", `/admin/jobs${query}`)).jobs));
}

function refreshDeadLetters() {
  return refreshList($("#dead-status"), async () => renderDeadLetters((await api("GET", "/admin/dead-letters?limit=50")).dead_letters));
}

function refreshLists() {
  return Promise.all([refreshJobs(), refreshDeadLetters()]);
}

/**
 * The lists are read again only when a second's figures say they moved: the recent jobs when their
 * version changed or jobs are running (their progress), at most every 2 s; the dead letters when
 * their count changed. An open dashboard on a quiet service makes no call but its stream.
 */
function refreshWhatMoved(figures) {
  if (document.visibilityState !== "visible") {
    return;
  }
  const jobsMoved = figures.recent_jobs_version !== lists.jobsVersion || figures.in_hand > 0;
  if (jobsMoved && Date.now() - lists.jobsReadAt >= LISTS_EVERY_MS) {
    lists.jobsVersion = figures.recent_jobs_version;
    refreshJobs();
  }
  if (figures.queue === null) {
    $("#dead-status").textContent = "Not updated: no store is reporting, so the dead letters cannot be read.";
    lists.deadLetters = null;
  } else if (figures.queue.dead_letter !== lists.deadLetters) {
    lists.deadLetters = figures.queue.dead_letter;
    refreshDeadLetters();
  }
}

function setLive(live, text) {
  const badge = $("#live");
  badge.textContent = text;
  badge.classList.toggle("off", !live);
}

/** Follows the figures stream for as long as the page is open, reconnecting when it is cut. */
async function followFigures() {
  for (;;) {
    let response;
    try {
      response = await fetch(`${API}/admin/dashboard/events`, { headers: { ...authorization(), Accept: "text/event-stream" } });
    } catch (e) {
      setLive(false, "the service cannot be reached: retrying…");
      await pause(2000);
      continue;
    }
    if (response.status === 401 || response.status === 403) {
      const text = await response.text();
      throw Object.assign(new Error((text && JSON.parse(text).error) || `The service answered ${response.status}.`),
        { status: response.status });
    }
    if (!response.ok) {
      setLive(false, `the service answered ${response.status}: retrying…`);
      await pause(2000);
      continue;
    }
    try {
      await readEvents(response.body, async (event) => {
        if (event.type === "history") {
          seconds = JSON.parse(event.data).seconds;
        } else if (event.type === "figures") {
          const figures = JSON.parse(event.data);
          seconds.push(figures);
          seconds = seconds.filter((f) => f.at > figures.at - WINDOW_MS);
          renderNodes(figures.nodes);
          refreshWhatMoved(figures);
          setLive(true, `live, ${clock(figures.at)} UTC`);
        }
        drawCharts();
      });
    } catch (e) {
      // cut mid-stream: reconnect below
    }
    setLive(false, "reconnecting…");
    await pause(1000);
  }
}

$("#job-search").addEventListener("submit", (event) => {
  event.preventDefault();
  refreshJobs();
});
$("#job-id").addEventListener("input", () => refreshJobs());

/** Opens the dashboard once the admin calls answer; asks for what they need when they do not. */
async function openDashboard() {
  try {
    await api("GET", "/admin/dead-letters?limit=1");
  } catch (error) {
    if (error.status === 401 && auth.config.mode !== "oidc") {
      $("#admin-token").hidden = false;
      $("#token-input").focus();
      return;
    }
    throw error;
  }
  $("#admin-token").hidden = true;
  say("");
  $("#app").hidden = false;
  refreshLists();
  followFigures().catch((error) => {
    setLive(false, "stopped");
    say(error.message, "error");
  });
}

$("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  auth.token = $("#token-input").value;
  openDashboard().catch((error) => say(error.message, "error"));
});

async function start() {
  if (await signIn()) {
    await openDashboard();
  }
}

start().catch((error) => say(error.message, "error"));
