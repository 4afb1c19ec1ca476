// TaskOverflow's page: the REST API at /api/v1, job states from its event stream. No build step.
// Under auth.mode oidc it signs in with the authorization-code flow and PKCE; the token lives in
// this script's memory only (a reload signs in again, silently while the issuer remembers you).
"use strict";

const API = "/api/v1";
const FINAL = new Set(["SUCCESS", "FAILURE", "CANCELLED"]);
const STATES = ["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE", "CANCELLED", "PROGRESS"];
const SIGN_IN_KEY = "taskoverflow.sign-in"; // the PKCE verifier and state, across the issuer's redirect only
const $ = (selector) => document.querySelector(selector);

/** How to sign in (GET /auth/config) and, once signed in, the access token. */
const auth = { config: { mode: "none" }, token: null, idToken: null };

function authorization() {
  return auth.token ? { Authorization: `Bearer ${auth.token}` } : {};
}

/** Calls the API; an error answer becomes an Error carrying the API's own sentence. */
async function api(method, path, body) {
  const options = { method, headers: authorization() };
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
  if (response.status === 401 && auth.config.mode === "oidc") {
    signedOut("Your sign-in has ended: sign in again.");
  }
  if (!response.ok) {
    const error = new Error((json && json.error) || `The service answered ${response.status}.`);
    error.status = response.status;
    throw error;
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

/** Server-Sent Events from a byte stream (the WHATWG event-stream format), each handed to onEvent. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let event = { type: "", data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop(); // the last line may be cut: wait for the rest
    for (const line of lines) {
      if (line === "") {
        if (event.data.length > 0) {
          await onEvent({ type: event.type || "message", data: event.data.join("\n"), id: event.id });
        }
        event = { type: "", data: [], id: event.id };
        continue;
      }
      if (line.startsWith(":")) {
        continue; // a comment, or a keep-alive
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") {
        event.type = text;
      } else if (field === "data") {
        event.data.push(text);
      } else if (field === "id") {
        event.id = text;
      }
    }
  }
}

function pause(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
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

// Sign-in: the authorization-code flow with PKCE (RFC 7636), against the issuer /auth/config names.

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return location.origin + location.pathname;
}

$("#sign-in-button").addEventListener("click", async () => {
  const config = auth.config;
  if (!config.authorization_endpoint) {
    failed(new Error("Sign-in is not ready yet (the service is still reaching the issuer): try again shortly."));
    return;
  }
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({ response_type: "code", client_id: config.client_id,
    redirect_uri: redirectUri(), scope: config.scopes, state, code_challenge: challenge,
    code_challenge_method: "S256" });
  location.assign(`${config.authorization_endpoint}?${query}`);
});

/** Back from the issuer with ?code=…&state=…: the code and the verifier, for the token. */
async function finishSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem(SIGN_IN_KEY) || "null");
  sessionStorage.removeItem(SIGN_IN_KEY);
  history.replaceState(null, "", redirectUri()); // the code is used once: off the address bar
  if (params.get("error")) {
    throw new Error(`Sign-in failed: ${params.get("error_description") || params.get("error")}`);
  }
  if (!saved || saved.state !== params.get("state")) {
    throw new Error("Sign-in failed: this answer is not to a sign-in started here. Sign in again.");
  }
  const response = await fetch(auth.config.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: params.get("code"),
      redirect_uri: redirectUri(), client_id: auth.config.client_id, code_verifier: saved.verifier }),
  });
  const tokens = await response.json();
  if (!response.ok || !tokens.access_token) {
    throw new Error(`Sign-in failed: ${tokens.error_description || tokens.error || response.status}`);
  }
  auth.token = tokens.access_token;
  auth.idToken = tokens.id_token || null;
}

/** Who is signed in, from the ID token's claims (for display only: the API verifies the access token). */
function signedInName() {
  try {
    const claims = JSON.parse(atob((auth.idToken || auth.token).split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return claims.preferred_username || claims.email || claims.name || claims.sub;
  } catch (e) {
    return "you";
  }
}

function signedOut(why) {
  auth.token = null;
  auth.idToken = null;
  $("#app").hidden = true;
  $("#account").hidden = true;
  $("#sign-in").hidden = false;
  if (why) {
    say(why, "info");
  }
}

$("#sign-out").addEventListener("click", () => {
  const idToken = auth.idToken;
  signedOut("You are signed out.");
  const end = auth.config.end_session_endpoint;
  if (end) {
    const query = new URLSearchParams({ client_id: auth.config.client_id, post_logout_redirect_uri: redirectUri() });
    if (idToken) {
      query.set("id_token_hint", idToken);
    }
    location.assign(`${end}?${query}`);
  }
});

async function start() {
  auth.config = await api("GET", "/auth/config");
  if (auth.config.mode === "oidc") {
    const params = new URLSearchParams(location.search);
    if (params.has("code") || params.has("error")) {
      await finishSignIn(params);
    }
    if (!auth.token) {
      signedOut();
      return;
    }
    $("#signed-in-as").textContent = `Signed in as ${signedInName()}.`;
    $("#account").hidden = false;
    $("#sign-in").hidden = true;
  }
  $("#app").hidden = false;
  await Promise.all([loadTodos(), loadFeed()]);
}

start().catch(failed);
