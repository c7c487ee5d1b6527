// The Express ceiling: one JSON route on the Express the generated service uses
// (resolved from its node_modules through NODE_PATH). Usage: node hello.cjs --port N
const express = require("express");

const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 8000);
const app = express();
app.disable("x-powered-by");
app.get("/hello", (_req, res) => {
  res.json({ message: "hello" });
});
app.listen(port, "127.0.0.1");
