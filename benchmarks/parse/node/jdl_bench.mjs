// Time JHipster's JDL parser in-process: node jdl_bench.mjs <file.jdl> <runs> <warmup>
// Prints one JSON object: median and min milliseconds of `parse` (text to the parsed JDL
// content: comment filtering, lexing, parsing, AST, post-parsing tasks) and of `parse+validate`
// (also the JDL object conversion and JHipster's validator, as `jhipster jdl` runs them
// before generating), and the peak resident memory of the process.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// generator-jhipster 9 asks for Node 22; on older Node its parser library (chevrotain) only
// misses Object.groupBy, added here with the standard's meaning.
if (!Object.groupBy) {
  Object.groupBy = (items, key) => {
    const groups = Object.create(null);
    let index = 0;
    for (const item of items) (groups[key(item, index++)] ??= []).push(item);
    return groups;
  };
}

const jdl = new URL('./node_modules/generator-jhipster/dist/lib/jdl/', import.meta.url);
const load = async (path) => import(new URL(path, jdl).href);

// The public entry point is generator-jhipster/jdl's createImporterFromContent; it also
// exports JSON entities, so the steps it runs before that are called one by one here.
const { parseFromContent } = await load('core/readers/jdl-reader.js');
const { getDefaultRuntime } = await load('../jdl-config/jhipster-jdl-config.js');
const { parseFromConfigurationObject } = await load(
  'converters/parsed-jdl-to-jdl-object/parsed-jdl-to-jdl-object-converter.js',
);
const { default: createValidator } = await load(
  'converters/validators/jdl-without-application-validator.js',
);

const [file, runsText = '20', warmupText = '3'] = process.argv.slice(2);
const text = readFileSync(file, 'utf-8');
const runtime = getDefaultRuntime();

function parse() {
  return parseFromContent(text, runtime);
}

function parseAndValidate() {
  const parsedContent = parseFromContent(text, runtime);
  const jdlObject = parseFromConfigurationObject({ parsedContent, applicationName: 'bench' }, runtime);
  createValidator(jdlObject).checkForErrors();
  return jdlObject;
}

function time(step, runs, warmup) {
  for (let i = 0; i < warmup; i += 1) step();
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    step();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const middle = Math.floor(samples.length / 2);
  const median = samples.length % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  return { median_ms: median, min_ms: samples[0], runs };
}

const runs = Number(runsText);
const warmup = Number(warmupText);
const result = {
  entities: parseAndValidate().getEntityQuantity(),
  parse: time(parse, runs, warmup),
  parse_validate: time(parseAndValidate, runs, warmup),
  max_rss_bytes: process.resourceUsage().maxRSS * 1024,
  node: process.version,
  jhipster: JSON.parse(
    readFileSync(new URL('../../../package.json', jdl), 'utf-8'),
  ).version,
};
console.log(JSON.stringify(result));
