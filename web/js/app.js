// The web map of Compound GIS: starts the page, reads the deployment's configuration and the symbol
// tables, and wires the finder, layers, panels and status displays together.
import { onPhone, keepControlsAboveSheets } from './layout.js';
import { ZOOM, LAYOUT } from './settings.js';
import { t, translatePage, toggleLanguage } from './i18n.js';
import { getJson, ServerUnreachable } from './api.js';
import { initProgress } from './progress.js';
import { initNotices, showNotice } from './notices.js';
import { initConnection, onRecovered, whenReachable } from './connection.js';
import { createLayers } from './layers.js';
import { createLayerPanel } from './layerPanel.js';
import { createFeaturePanel } from './featurePanel.js';
import { createFinder } from './finder.js';
import { createCoordinateReadout } from './coordinates.js';
import { createUploadForm } from './upload.js';
import { createSurveyReview } from './surveyReview.js';
import { createDiffLayer } from './diffLayer.js';
import { createNetworkChecks } from './networkChecks.js';
import { createTraceTool } from './trace.js';
import { createChecks } from './fireLaneChecks.js';
import { laneCheckSection, compoundCheckSection, obstacleSection } from './checkPanels.js';
import { createReportAction } from './reportObstruction.js';
import { send } from './api.js';
import { loadSession, session } from './session.js';
import { createAccount } from './account.js';
import { requireRole } from './roleGate.js';
import { initDrawing } from './checks/drawing.js';
import { createDigTool } from './checks/digTool.js';
import { createFireInspection } from './fireInspection.js';
import { createMeasureTool } from './measure.js';
import { createBaseMapSwitch } from './baseMaps.js';
import { createConflictTool } from './checks/conflictTool.js';
import { createCompoundEditor } from './compoundEditor.js';
import { renovationItemsSection } from './compoundForm.js';

const $ = (selector) => document.querySelector(selector);

async function loadStartupData() {
  const [config, networks, symbols, accuracy, compounds] = await Promise.all([
    getJson('/api/map-config', { labelKey: 'app.title' }),
    getJson('/data/networks.json', { labelKey: 'layers.group.pipes' }),
    getJson('/data/symbols.json', { labelKey: 'layers.title' }),
    getJson('/data/survey-accuracy.json', { labelKey: 'panel.accuracy' }),
    getJson('/collections/compounds', { labelKey: 'layer.compounds' })
  ]);
  return { config, networks: networks.networks, symbols, accuracy, compoundsExtent: compounds.extent?.spatial?.bbox?.[0] };
}

/** Retries the start-up reads until the server answers (it may be restarting). */
async function loadStartupDataWhenReachable() {
  for (;;) {
    try {
      return await loadStartupData();
    } catch (error) {
      if (!(error instanceof ServerUnreachable)) throw error;
      await whenReachable();
    }
  }
}

function createMap(config) {
  const map = L.map('map', { maxZoom: ZOOM.MAX, zoomControl: true, attributionControl: true });
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
  return map;
}

function fitStartView(map, extent) {
  if (extent) {
    const [west, south, east, north] = extent;
    map.fitBounds([[south, west], [north, east]]);
  } else {
    map.fitWorld();
  }
}

const COMPOUND_IN_HASH = /^#compound=(.+)$/;

/** The compound named in the address (#compound=C001), so a view can be shared as a link. */
function compoundInAddress() {
  const match = COMPOUND_IN_HASH.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The compound last opened (finder, link or panel): what "check this compound" checks. */
let openedCompound = null;

function openCompound(map, layers, panel, feature, tellCompound) {
  openedCompound = feature.properties.compound;
  tellCompound(feature.properties.compound);
  history.replaceState(null, '', `#compound=${encodeURIComponent(feature.properties.compound)}`);
  const bounds = L.geoJSON(feature).getBounds();
  // the panel stands beside the compound on a wide screen; on a phone it is a sheet over the map's bottom
  const panelWidth = onPhone() ? 0 : $('#feature-panel').offsetWidth || LAYOUT.FEATURE_PANEL_WIDTH_PX;
  map.fitBounds(bounds, {
    maxZoom: ZOOM.COMPOUND_FIT_MAX,
    paddingTopLeft: [LAYOUT.FIT_PADDING_PX, LAYOUT.FIT_PADDING_PX],
    paddingBottomRight: [panelWidth + LAYOUT.FIT_PADDING_PX, LAYOUT.FIT_PADDING_PX]
  });
  layers.focusCompound(feature.properties.compound);
  panel.show('compounds', feature, null);
}

/** A point, lane or road found by the finder: the map goes there; a point or lane opens in the feature panel. */
async function goToHit(map, panel, hit) {
  const [west, south, east, north] = hit.bbox;
  map.fitBounds([[south, west], [north, east]], { maxZoom: ZOOM.FOUND_FEATURE, padding: [LAYOUT.FIT_PADDING_PX, LAYOUT.FIT_PADDING_PX] });
  if (hit.id == null) return;
  try {
    const feature = await getJson(`/collections/${hit.collection}/items/${hit.id}`, { labelKey: 'finder.title' });
    panel.show(hit.collection, feature, null);
  } catch (error) {
    showNotice('finder', 'error', error.description ?? error.message);
  }
}

function showHint(map) {
  const hint = $('#hint');
  const render = () => {
    hint.dataset.i18n = map.getZoom() < ZOOM.PIPES ? 'hint.zoomIn' : 'hint.clickFeature';
    hint.textContent = t(hint.dataset.i18n);
    $('#map').classList.toggle('detail-zoom', map.getZoom() >= ZOOM.PIPE_POINTS);
  };
  map.on('zoomend', render);
  render();
}

/** A committed survey changes what the map shows: everything is fetched again. */
function surveyFinished(layers, upload, report, outcome) {
  upload.setReviewing(null);
  if (outcome !== 'committed') upload.reset(); // after a commit the user's choices stay for the next survey
  if (outcome === 'committed') {
    layers.refreshAll({ force: true });
    showNotice('survey', 'info', t('survey.committedNotice', { id: report.survey_id, compound: report.compound }));
  } else {
    showNotice('survey', 'info', t('survey.discardedNotice', { id: report.survey_id }));
  }
}

/** A compound written in the editor: the layer, the finder and the open compound show its new version. */
function compoundSaved(layers, finder, code) {
  layers.refreshAll({ force: true });
  finder.refresh();
  finder.openByCode(code);
}

/** Each tool for the role its server route needs (web/RouteTable.java); they follow sign-in and sign-out. */
function gateToolsByRole() {
  requireRole($('#upload'), 'surveyor');
  requireRole($('#dig-card'), 'designer');
  requireRole($('#conflict-card'), 'designer');
  requireRole($('#report-button'), 'inspector');
  requireRole($('#compound-register'), 'admin', { hide: true });
}

async function start() {
  translatePage();
  initProgress($('#progress'));
  initNotices($('#notices'));
  initConnection($('#connection-banner'));
  $('#lang-toggle').addEventListener('click', toggleLanguage);

  const account = createAccount($('#account'));
  await loadSession().catch(() => {}); // unreachable: the startup data below waits for the server
  gateToolsByRole();
  if (!session().signed_in && !session().anonymous_read) await account.requireSignIn();
  const { config, networks, symbols, accuracy, compoundsExtent } = await loadStartupDataWhenReachable();
  const map = createMap(config);
  fitStartView(map, compoundsExtent ?? config.workingCrs?.areaOfUse);
  let panel;
  let layers;
  const upload = createUploadForm($('#upload'), { onReport: (report) => review.show(report) });
  const networkChecks = createNetworkChecks($('#network-checks'), map);
  const trace = createTraceTool($('#trace-tool'), $('#profile-panel'), map);
  const tellCompound = (code) => {
    $('#editor-open').disabled = !code;
    upload.setOpenCompound(code);
    [networkChecks, trace].forEach((tool) => tool.setCompound(code));
  };
  const checks = createChecks();
  const afterObstacleChange = (feature) => {
    checks.changed(feature.properties.compound);
    layers.refreshObstacles();
  };
  const resolveObstacle = async (feature, note) => {
    const answer = await send('PATCH', `/api/obstacles/${feature.id}`, { status: 'resolved', note }, { labelKey: 'report.resolve' })
      .catch((error) => { showNotice('resolve', 'error', error.description ?? error.message); throw error; });
    afterObstacleChange(answer.feature);
    panel.show('obstacles', answer.feature, null);
  };
  panel = createFeaturePanel($('#feature-panel'), {
    accuracyRules: accuracy,
    onOpenCompound: (feature) => openCompound(map, layers, panel, feature, tellCompound),
    onEditCompound: (code) => editor.edit(code),
    sections: {
      'fire-lanes': async (feature) => {
        const lane = await checks.lane(feature.properties.compound, feature.id);
        return lane ? () => laneCheckSection(lane) : null;
      },
      compounds: async (feature) => {
        const code = feature.properties.compound;
        const [parking, lanes, codes] = await Promise.all([checks.parking(code), checks.fireLanes(code),
          editor.codes().catch(() => null)]);
        return () => {
          const section = compoundCheckSection(parking, lanes);
          const items = codes && renovationItemsSection(codes, feature.properties.renovation_items);
          if (items) section.prepend(items);
          return section;
        };
      },
      obstacles: async (feature) => () => obstacleSection(feature, resolveObstacle)
    }
  });
  const onFeatureClick = (collection, feature, layer) => {
    if (!trace.pick(collection, feature)) panel.show(collection, feature, layer);
  };
  layers = createLayers(map, { networks, symbols, checks, onFeatureClick });
  createReportAction(map, { button: $('#report-button'), sheet: $('#report-sheet'), workingCrs: config.workingCrs,
    onStart: () => panel.close(), onReported: afterObstacleChange });
  createLayerPanel($('#layer-panel'), { layers, symbols, networks });
  const review = createSurveyReview($('#survey-panel'), {
    map, symbols, diffLayer: createDiffLayer(map, { symbols }),
    onStaged: (surveyId) => { panel.close(); upload.setReviewing(surveyId); },
    onFinished: (report, outcome) => surveyFinished(layers, upload, report, outcome),
    onRemap: (mapping) => upload.resendWithMapping(mapping)
  });
  const finder = createFinder($('#finder'), {
    onOpen: (feature) => openCompound(map, layers, panel, feature, tellCompound),
    onFeature: (hit) => goToHit(map, panel, hit)
  });
  const editor = createCompoundEditor($('#compound-editor'), {
    map,
    onOpen: () => panel.close(),
    onSaved: (code) => compoundSaved(layers, finder, code)
  });
  $('#editor-new').addEventListener('click', () => editor.create());
  $('#editor-open').addEventListener('click', () => { if (openedCompound) editor.edit(openedCompound); });
  if (compoundInAddress()) finder.openByCode(compoundInAddress());
  // a link with another #compound= pasted or followed on the open page opens that compound
  window.addEventListener('hashchange', () => {
    const code = compoundInAddress();
    if (code && code !== openedCompound) finder.openByCode(code);
  });
  createCoordinateReadout(map, config.workingCrs);
  keepControlsAboveSheets(map, ['#feature-panel', '#compound-editor', '#survey-panel', '#report-sheet'].map((id) => $(id)));
  createMeasureTool(map, config.workingCrs);
  createBaseMapSwitch(map, { config, symbols });
  initDrawing(map);
  createDigTool($('#dig-tool'), { map, networks });
  createFireInspection($('#fire-inspection'), {
    map, checks, layers, currentCompound: () => openedCompound,
    onOpenFeature: (collection, feature) => panel.show(collection, feature, null)
  });
  createConflictTool($('#conflict-tool'), { map, networks, currentCompound: () => openedCompound });
  showHint(map);
  onRecovered(() => layers.refreshAll({ force: true }));
  layers.refreshAll();
  document.documentElement.dataset.ready = 'true';
  window.compoundGisMap = map; // for the browser tests and the console
}

start().catch((error) => {
  console.error(error);
  showNotice('startup', 'error', t('error.startup', { message: error.message }));
});
