// What TaskOverflow's pages share: calls to the REST API at /api/v1 (with the token, when signed
// in), reading server-sent events with fetch (EventSource cannot send a token), signing in with the
// authorization-code flow and PKCE, the message line and the sign-in and sign-out buttons. No build
// step: a plain script each page loads first.
"use strict";

const API = "/api/v1";
const SIGN_IN_KEY = "taskoverflow.sign-in"; // the PKCE verifier and state, across the issuer's redirect only
const $ = (selector) => document.querySelector(selector);

/** How to sign in (GET /auth/config) and, once signed in, the access token. */
const auth = { config: { mode: "none" }, token: null, idToken: null, onEnded: () => {} };

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
    auth.onEnded("Your sign-in has ended: sign in again.");
  }
  if (!response.ok) {
    const error = new Error((json && json.error) || `The service answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return json;
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

/** Off to the issuer's sign-in; back at this page with a code (see finishSignIn). */
async function startSignIn() {
  const config = auth.config;
  if (!config.authorization_endpoint) {
    throw new Error("Sign-in is not ready yet (the service is still reaching the issuer): try again shortly.");
  }
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({ response_type: "code", client_id: config.client_id,
    redirect_uri: redirectUri(), scope: config.scopes, state, code_challenge: challenge,
    code_challenge_method: "S256" });
  location.assign(`${config.authorization_endpoint}?${query}`);
}

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

/**
 * Reads how to sign in; under oidc, finishes a sign-in coming back from the issuer. True when the
 * page may go on: signed in, or no sign-in needed.
 */
async function signIn() {
  auth.onEnded = signedOut;
  auth.config = await api("GET", "/auth/config");
  if (auth.config.mode !== "oidc") {
    return true;
  }
  const params = new URLSearchParams(location.search);
  if (params.has("code") || params.has("error")) {
    await finishSignIn(params);
  }
  if (!auth.token) {
    signedOut();
    return false;
  }
  $("#signed-in-as").textContent = `Signed in as ${signedInName()}.`;
  $("#account").hidden = false;
  $("#sign-in").hidden = true;
  return true;
}

// What every page shows: a message line, and the sign-in and sign-out buttons.

function say(text, kind) {
  const message = $("#message");
  message.textContent = text;
  message.className = kind || "";
  message.hidden = !text;
}

$("#sign-in-button").addEventListener("click", () => startSignIn().catch((error) => say(error.message, "error")));

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
