// The three fake regulators as one process, for `npm run demo` only (never in
// the product's path): started with the data they should know as one JSON
// argument, they print their URLs as one JSON line and answer until killed.
//
//   tsx test/fakes/serve.ts '{"credentials":{…},"cpeMonitor":{…},"ceBroker":{…},"pars":{…}}'
import { startFakeCpeMonitor, type CpeMonitorData } from './cpe-monitor.js';
import { startFakeCeBroker, type CeBrokerData } from './ce-broker.js';
import { startFakePars, type ParsData } from './pars.js';

interface ServeData {
  cpeMonitor?: CpeMonitorData;
  ceBroker?: CeBrokerData;
  pars?: ParsData;
}

const data = JSON.parse(process.argv[2] ?? '{}') as ServeData;
const fakes = {
  cpeMonitor: await startFakeCpeMonitor(data.cpeMonitor),
  ceBroker: await startFakeCeBroker(data.ceBroker),
  pars: await startFakePars(data.pars),
};
console.log(
  JSON.stringify({
    cpeMonitor: `${fakes.cpeMonitor.url}/service/cpemonitorservice.asmx`,
    ceBroker: `${fakes.ceBroker.url}/CEBrokerWebService.asmx/UploadXMLString`,
    pars: `${fakes.pars.url}/api`,
  }),
);
const stop = () => {
  void Promise.all(Object.values(fakes).map((f) => f.close())).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
