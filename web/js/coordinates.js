// The coordinate read-out under the pointer: the working CRS as surveyors write it (X = northing,
// Y = easting; proj4 definition from the server's /api/map-config) and longitude/latitude.
import { t, onLanguageChange } from './i18n.js';
import { LAYOUT } from './settings.js';

export const LONLAT = 'EPSG:4326';

/** The working CRS made known to proj4 (its definition from /api/map-config); answers its proj4 name. */
export function defineWorkingCrs(workingCrs) {
  const name = `EPSG:${workingCrs.srid}`;
  proj4.defs(name, workingCrs.proj4);
  return name;
}

export function createCoordinateReadout(map, workingCrs) {
  const name = defineWorkingCrs(workingCrs);
  const control = L.control({ position: 'bottomright' });
  let element;
  let last = map.getCenter();

  control.onAdd = () => {
    element = L.DomUtil.create('div', 'coordinate-readout');
    element.id = 'coordinates';
    L.DomEvent.disableClickPropagation(element);
    return element;
  };
  control.addTo(map);

  function render(latLng) {
    last = latLng;
    const [easting, northing] = proj4(LONLAT, name, [latLng.lng, latLng.lat]);
    element.innerHTML = '';
    const working = L.DomUtil.create('div', 'coords-working', element);
    working.textContent = t('coords.working', {
      x: northing.toFixed(LAYOUT.METRE_DECIMALS), y: easting.toFixed(LAYOUT.METRE_DECIMALS), crs: name
    });
    const lonLat = L.DomUtil.create('div', 'coords-lonlat', element);
    lonLat.textContent = t('coords.lonlat', { lon: latLng.lng.toFixed(LAYOUT.DEGREE_DECIMALS), lat: latLng.lat.toFixed(LAYOUT.DEGREE_DECIMALS) });
    const zoom = L.DomUtil.create('div', 'coords-zoom', element);
    zoom.textContent = t('coords.zoom', { zoom: map.getZoom() });
  }

  map.on('mousemove', (event) => render(event.latlng));
  map.on('moveend', () => render(map.getCenter()));
  map.on('zoomend', () => render(last));
  onLanguageChange(() => render(last));
  render(last);
}
