// TaskOverflow's page: the REST API at /api/v1 (through client.js), job states from its event stream.
// Under auth.mode oidc it signs in with the authorization-code flow and PKCE; the token lives in
// this script's memory only (a reload signs in again, silently while the issuer remembers you).
"use strict";

const FINAL = new Set(["SUCCESS", "FAILURE", "CANCELLED"]);
const STATES = ["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE", "CANCELLED", "PROGRESS"];

function failed(error) {
  say(error.message, "error");
}

/** datetime-local ("2030-01-01T09:00" or with seconds) to the API's UTC form, or null. */
function toApiDeadline(value) {
  if (!value) {
    return null;
  }
  return value.length === 16 ? value + ":00" : value.slice(0, 19);
}

function filtersQuery() {
  const query = new URLSearchParams();
  const completed = $("#filter-completed").value;
  const window = $("#filter-window").value;
  if (completed) {
    query.set("completed", completed);
  }
  if (window !== "") {
    query.set("window", window);
  }
  const text = query.toString();
  return text ? "?" + text : "";
}

async function loadTodos() {
  const todos = await api("GET", "/todos" + filtersQuery());
  const list = $("#todos");
  list.replaceChildren(...todos.map(renderTodo));
  $("#list-status").textContent = todos.length === 0 ? "No todos here yet."
    : `${todos.length} todo${todos.length === 1 ? "" : "s"}.`;
}

function renderTodo(todo) {
  const item = $("#todo-item").content.firstElementChild.cloneNode(true);
  item.dataset.id = todo.id;
  item.classList.toggle("completed", todo.completed);
  item.querySelector(".title").textContent = todo.title;
  item.querySelector(".deadline").textContent = todo.deadline_at ? `Due ${todo.deadline_at.replace("T", " ")} UTC` : "No deadline";
  item.querySelector(".description").textContent = todo.description || "";

  const done = item.querySelector(".done");
  done.checked = todo.completed;
  done.setAttribute("aria-label", `Completed: ${todo.title}`);
  done.addEventListener("change", () => act(() => api("PUT", `/todos/${todo.id}`, { completed: done.checked }),
    done.checked ? `Completed "${todo.title}".` : `Reopened "${todo.title}".`));

  const editButton = item.querySelector(".edit");
  editButton.setAttribute("aria-label", `Edit ${todo.title}`);
  const editor = item.querySelector(".editor");
  editButton.addEventListener("click", () => {
    editor.title.value = todo.title;
    editor.description.value = todo.description || "";
    editor.deadline.value = todo.deadline_at || "";
    editor.hidden = false;
    editor.title.focus();
  });
  editor.querySelector(".cancel").addEventListener("click", () => {
    editor.hidden = true;
    editButton.focus();
  });
  editor.addEventListener("submit", (event) => {
    event.preventDefault();
    act(() => api("PUT", `/todos/${todo.id}`, {
      title: editor.title.value,
      description: editor.description.value || null,
      deadline_at: toApiDeadline(editor.deadline.value),
    }), `Saved "${editor.title.value}".`);
  });

  const deleteButton = item.querySelector(".delete");
  deleteButton.setAttribute("aria-label", `Delete ${todo.title}`);
  deleteButton.addEventListener("click", () => act(() => api("DELETE", `/todos/${todo.id}`), `Deleted "${todo.title}".`));
  return item;
}

/** Runs a change, then shows the list as it now is, or says what went wrong. */
async function act(change, done) {
  try {
    await change();
    say(done, "info");
    await loadTodos();
  } catch (error) {
    failed(error);
  }
}

$("#new-todo").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  const todo = { title: form.title.value, description: form.description.value || null,
    deadline_at: toApiDeadline(form.deadline.value) };
  act(async () => {
    await api("POST", "/todos", todo);
    form.reset();
    form.title.focus();
  }, `Added "${todo.title}".`);
});

$("#filters").addEventListener("submit", (event) => {
  event.preventDefault();
  loadTodos().then(() => say(""), failed);
});

$("#export").addEventListener("click", async () => {
  const button = $("#export");
  const status = $("#export-status");
  const download = $("#download");
  const cancel = $("#cancel-export");
  download.hidden = true;
  button.disabled = true;
  try {
    const job = await api("POST", "/todos/ical");
    status.textContent = "Export accepted: PENDING";
    cancel.onclick = () => api("DELETE", `/todos/ical/${job.task_id}`).catch(failed);
    cancel.hidden = false;
    const bar = $("#export-progress");
    await watch(job.task_id, async (state, body) => {
      cancel.hidden = FINAL.has(state);
      bar.hidden = !body.progress || FINAL.has(state);
      if (body.progress) {
        bar.max = Math.max(body.progress.total, 1);
        bar.value = body.progress.done;
      }
      if (state === "PROGRESS") {
        status.textContent = `Export ${job.task_id.slice(0, 8)}: STARTED, ${body.progress.done} of ${body.progress.total} todos`;
        return;
      }
      status.textContent = `Export ${job.task_id.slice(0, 8)}: ${state}` + (body.error ? ` (${body.error})` : "");
      if (state === "SUCCESS") {
        download.href = await downloadable(body.result_url);
        download.hidden = false;
      }
      if (state === "FAILURE") {
        say(`The export failed: ${body.error}`, "error");
      }
    });
  } catch (error) {
    failed(error);
  } finally {
    button.disabled = false;
    cancel.hidden = true;
    $("#export-progress").hidden = true;
  }
});

/**
 * The calendar's link. A link cannot carry the token, so when signed in the calendar is fetched
 * with it and offered from memory.
 */
async function downloadable(resultUrl) {
  if (!auth.token) {
    return resultUrl;
  }
  const response = await fetch(resultUrl, { headers: authorization() });
  if (!response.ok) {
    throw new Error(`The calendar could not be fetched (${response.status}).`);
  }
  return URL.createObjectURL(await response.blob());
}

/**
 * Follows a job's event stream until its final state. EventSource cannot send a token, so the
 * stream is read with fetch (the same text/event-stream, parsed here); a cut stream is resumed with
 * Last-Event-ID, as EventSource would.
 */
async function watch(taskId, onState) {
  let lastEventId = null;
  for (let tries = 0; tries < 30; tries++) {
    const headers = { ...authorization(), Accept: "text/event-stream" };
    if (lastEventId !== null) {
      headers["Last-Event-ID"] = lastEventId;
    }
    let response;
    try {
      response = await fetch(`${API}/todos/ical/${taskId}/events`, { headers });
    } catch (e) {
      await pause(1000);
      continue;
    }
    if (!response.ok) {
      const text = await response.text();
      throw new Error((text && JSON.parse(text).error) || `The service answered ${response.status}.`);
    }
    let ended = false;
    await readEvents(response.body, async (event) => {
      if (event.id !== null) {
        lastEventId = event.id;
      }
      if (STATES.includes(event.type)) {
        await onState(event.type, JSON.parse(event.data));
        ended = ended || FINAL.has(event.type);
      }
    });
    if (ended) {
      return;
    }
    await pause(1000);
  }
  throw new Error("The export's progress could not be followed: look at its status later.");
}

// The calendar feed: a private URL a calendar app subscribes to.

function showFeed(feed) {
  $("#feed-none").hidden = feed !== null;
  $("#feed-links").hidden = feed === null;
  $("#feed-revoke").hidden = feed === null;
  $("#feed-new").textContent = feed === null ? "Make a link" : "Make a new link (the old one stops working)";
  if (feed !== null) {
    $("#feed-webcal").href = feed.webcal_url;
    $("#feed-url").value = feed.feed_url;
  }
}

async function loadFeed() {
  try {
    showFeed(await api("GET", "/calendar/feed"));
  } catch (error) {
    if (error.status !== 404) {
      throw error;
    }
    showFeed(null);
  }
}

$("#feed-new").addEventListener("click", () => api("POST", "/calendar/feed")
  .then((feed) => {
    showFeed(feed);
    say("Your calendar link is ready: subscribe to it in your calendar app.", "info");
  }, failed));

$("#feed-revoke").addEventListener("click", () => api("DELETE", "/calendar/feed")
  .then(() => {
    showFeed(null);
    say("Your calendar link is off.", "info");
  }, failed));

async function start() {
  if (!(await signIn())) {
    return;
  }
  $("#app").hidden = false;
  await Promise.all([loadTodos(), loadFeed()]);
}

start().catch(failed);
