// Material's search worker (which holds lunr) with the Danish language files, in a Node
// context of its own: argv = worker, stemmer support, lunr.da, query; prints the refs found.
const fs = require("fs");
const vm = require("vm");
const [worker, support, danish, query] = process.argv.slice(2);
const context = { console, addEventListener() {}, importScripts() {} };
context.self = context;
vm.createContext(context);
for (const file of [worker, support, danish]) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}
context.documents = JSON.parse(fs.readFileSync(0, "utf8"));
context.query = query;
const found = vm.runInContext(`
  lunr(function () {
    this.use(lunr.da);
    this.ref("id");
    this.field("text");
    for (const doc of documents) { this.add(doc); }
  }).search(query).map((result) => result.ref)
`, context);
process.stdout.write(JSON.stringify(found));
