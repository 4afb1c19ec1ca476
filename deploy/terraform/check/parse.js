// Prints {"file.tf": <its HCL2 as JSON>, ...} for the .tf files named on the command line, read
// with a real HCL2 parser (@cdktf/hcl2json, HashiCorp's hcl library compiled to WebAssembly).
// A file that does not parse ends the run with exit 1 and the parser's reason.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

(async () => {
  const parsed = {};
  for (const file of process.argv.slice(2)) {
    try {
      parsed[path.basename(file)] = await parse(file, fs.readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`${file}: ${error.message || error}`);
      process.exit(1);
    }
  }
  process.stdout.write(JSON.stringify(parsed));
})();
