/** The dialog the ribbon command opens when it cannot open the task pane: shows one message, nothing else. */
const message = new URLSearchParams(window.location.search).get("msg") ?? "";
const target = document.getElementById("message");
if (target) target.textContent = message;
