// d3-force as the layout benchmark's baseline: forceManyBody + forceLink +
// forceCenter with d3's defaults, on the graph in the JSON file argv[2]
// ({"n": N, "edges": [[a, b], ...]}). Runs `warmup` ticks, then times
// `ticks` ticks one by one, and prints {"per_tick_ms": [...]} on stdout.
// With "settle" as argv[3], ticks until alpha < alphaMin and prints
// {"settle_ms": ..., "ticks": ...} instead.
import { readFileSync } from "node:fs";
import { forceCenter, forceLink, forceManyBody, forceSimulation } from "d3-force";

const [file, mode = "10", warmupArg = "5"] = process.argv.slice(2);
const graph = JSON.parse(readFileSync(file, "utf8"));
const nodes = Array.from({ length: graph.n }, (_, index) => ({ index }));
const links = graph.edges.map(([source, target]) => ({ source, target }));
const simulation = forceSimulation(nodes)
  .force("charge", forceManyBody())
  .force("link", forceLink(links))
  .force("center", forceCenter())
  .stop();

if (mode === "settle") {
  const start = performance.now();
  let ticks = 0;
  while (simulation.alpha() >= simulation.alphaMin()) {
    simulation.tick();
    ticks += 1;
  }
  console.log(JSON.stringify({ settle_ms: performance.now() - start, ticks }));
} else {
  simulation.tick(Number(warmupArg));
  const times = [];
  for (let i = 0; i < Number(mode); i += 1) {
    const start = performance.now();
    simulation.tick();
    times.push(performance.now() - start);
  }
  console.log(JSON.stringify({ per_tick_ms: times }));
}
