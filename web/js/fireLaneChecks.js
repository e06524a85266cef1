// The fire lane and parking checks of the server (/api/checks/fire-lanes, /api/checks/parking), fetched
// per compound and kept until something in the compound changes (an obstacle reported or resolved).
import { getJson } from './api.js';

export function createChecks() {
  const laneReports = new Map(); // compound code -> promise of the fire lane report
  const listeners = [];

  function fireLanes(code) {
    if (!laneReports.has(code)) {
      const request = getJson(`/api/checks/fire-lanes?compound=${encodeURIComponent(code)}`, { labelKey: 'check.fireLanes' });
      request.catch(() => laneReports.delete(code));
      laneReports.set(code, request);
    }
    return laneReports.get(code);
  }

  /** One lane's report (its compound's report, filtered), or null. */
  async function lane(code, id) {
    const report = await fireLanes(code);
    return report.lanes.find((l) => l.id === id) ?? null;
  }

  function parking(code) {
    return getJson(`/api/checks/parking?compound=${encodeURIComponent(code)}`, { labelKey: 'check.parking' });
  }

  /** Forgets what was fetched for the compound and tells the listeners (the map redraws its lanes). */
  function changed(code) {
    laneReports.delete(code);
    listeners.forEach((listener) => listener(code));
  }

  return { fireLanes, lane, parking, changed, onChange: (listener) => listeners.push(listener) };
}
