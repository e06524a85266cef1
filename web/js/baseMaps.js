// The base map switch (issue 14 point 7): none, the configured online tiles (BASEMAP_URL, when there are any), or
// the local base map drawn from the server's own tiles (the compounds' buildings and fire lanes), which needs no
// internet. A small select at the bottom left; the choice lasts for the page.
import { t, onLanguageChange } from './i18n.js';
import { ZOOM } from './settings.js';
import { createLocalBaseLayer } from './tileLayer.js';

export async function createBaseMapSwitch(map, { config, symbols }) {
  map.createPane('localBasePane').style.zIndex = '150'; // under every data pane, over the tile pane
  const online = config.basemap?.url
    ? L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution, maxZoom: ZOOM.MAX }) : null;
  const local = await createLocalBaseLayer({ pane: 'localBasePane', symbols });
  const choices = [['none', L.layerGroup()], ['online', online], ['local', local]].filter(([, layer]) => layer);
  let current = null;

  const control = L.control({ position: 'bottomleft' });
  let select;
  control.onAdd = () => {
    const box = L.DomUtil.create('div', 'basemap-switch leaflet-bar');
    select = L.DomUtil.create('select', '', box);
    select.id = 'basemap-select';
    L.DomEvent.disableClickPropagation(box);
    select.addEventListener('change', () => choose(select.value));
    return box;
  };
  control.addTo(map);

  function labels() {
    select.setAttribute('aria-label', t('basemap.title'));
    select.title = t('basemap.title');
    select.replaceChildren(...choices.map(([id]) => new Option(t(`basemap.${id}`), id, false, id === current)));
  }

  function choose(id) {
    const previous = choices.find(([key]) => key === current);
    if (previous) map.removeLayer(previous[1]);
    current = id;
    map.addLayer(choices.find(([key]) => key === id)[1]);
    map.getContainer().classList.toggle('with-basemap', id === 'online');
    map.getContainer().dataset.basemap = id;
    labels();
  }

  onLanguageChange(labels);
  choose(online ? 'online' : 'none');
  return { choose };
}
