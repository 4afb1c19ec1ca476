// TaskOverflow's page: the REST API at /api/v1, job states from its event stream. No build step.
"use strict";

const API = "/api/v1";
const FINAL = new Set(["SUCCESS", "FAILURE"]);
const $ = (selector) => document.querySelector(selector);

/** Calls the API; an error answer becomes an Error carrying the API's own sentence. */
async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API + path, options);
  } catch (e) {
    throw new Error("The service cannot be reached. Check your connection and try again.");
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && json.error) || `The service answered ${response.status}.`);
  }
  return json;
}

function say(text, kind) {
  const message = $("#message");
  message.textContent = text;
  message.className = kind || "";
  message.hidden = !text;
}

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
  download.hidden = true;
  button.disabled = true;
  try {
    const job = await api("POST", "/todos/ical");
    status.textContent = "Export accepted: PENDING";
    watch(job.task_id, (state, body) => {
      status.textContent = `Export ${job.task_id.slice(0, 8)}: ${state}` + (body.error ? ` (${body.error})` : "");
      if (state === "SUCCESS") {
        download.href = body.result_url;
        download.hidden = false;
      }
      if (state === "FAILURE") {
        say(`The export failed: ${body.error}`, "error");
      }
      if (FINAL.has(state)) {
        button.disabled = false;
      }
    });
  } catch (error) {
    failed(error);
    button.disabled = false;
  }
});

/** Follows a job's event stream until its final state; the browser resumes a cut stream by itself. */
function watch(taskId, onState) {
  const source = new EventSource(`${API}/todos/ical/${taskId}/events`);
  for (const state of ["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE"]) {
    source.addEventListener(state, (event) => {
      onState(state, JSON.parse(event.data));
      if (FINAL.has(state)) {
        source.close();
      }
    });
  }
}

loadTodos().catch(failed);
