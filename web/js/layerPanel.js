// The layer switcher and legend in one: a row per layer with its switch, its symbol, its name and how
// many features it shows (or from which zoom on it appears), and the symbol keys under each group.
import { t, onLanguageChange } from './i18n.js';
import { symbolSvg, obstacleGlyphSvg } from './pointSymbols.js';
import { rgbCss } from './styles.js';

const GROUPS = ['base', 'pipes', 'site'];
const NEUTRAL = '#546e7a';
const SWATCH = 'width="28" height="14" viewBox="0 0 28 14" aria-hidden="true"';

export function createLayerPanel(element, { layers, symbols, networks }) {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; render(); });
  };
  layers.onChange(schedule);
  onLanguageChange(render);
  element.addEventListener('change', (event) => {
    const id = event.target.dataset.overlay;
    if (id) layers.setVisible(id, event.target.checked);
  });

  function render() {
    const sections = GROUPS.map((group) => {
      const rows = layers.overlays.filter((o) => o.group === group).map(row).join('');
      return `<section class="layer-group"><h3>${t(`layers.group.${group}`)}</h3><ul>${rows}</ul>${groupLegend(group)}</section>`;
    });
    element.replaceChildren();
    element.insertAdjacentHTML('beforeend', sections.join(''));
  }

  function row(o) {
    const note = stateText(o);
    const waiting = o.source?.state.status === 'zoomedOut' && !o.fromTiles?.();
    return `<li class="layer-row${waiting ? ' layer-waiting' : ''}">
      <label><input type="checkbox" data-overlay="${o.id}" ${o.visible ? 'checked' : ''}>
      ${swatch(o)}<span class="layer-name">${escapeHtml(layers.label(o))}</span>
      <span class="layer-state" data-state-of="${o.id}">${escapeHtml(note)}</span></label>${overlayLegend(o)}</li>`;
  }

  function stateText(o) {
    const state = o.source?.state ?? {};
    if (state.status === 'zoomedOut' && o.fromTiles?.()) return t('layers.fromTiles', { z: o.minZoom });
    if (state.status === 'zoomedOut') return t('layers.fromZoom', { z: o.minZoom });
    if (state.total > state.shown && !o.network) return t('layers.truncated', { shown: state.shown, total: state.total });
    if (state.status === 'loaded' || o.count > 0) return t('layers.count', { n: o.count });
    return '';
  }

  function swatch(o) {
    if (o.network) {
      const dash = o.network.dashArray ? ` stroke-dasharray="${o.network.dashArray.split(' ').map((n) => n / 2).join(' ')}"` : '';
      return `<svg ${SWATCH}><line x1="1" y1="7" x2="27" y2="7" stroke="${rgbCss(o.network.rgb)}" stroke-width="4"${dash}/></svg>`;
    }
    const s = symbols;
    switch (o.id) {
      case 'compounds': return `<svg ${SWATCH}><rect x="2" y="2" width="24" height="10" fill="#fff" stroke="${s.compounds.color}" stroke-width="1.5" stroke-dasharray="4 2"/></svg>`;
      case 'buildings': return `<svg ${SWATCH}><rect x="4" y="2" width="20" height="10" fill="${s.buildings.fillColor}" stroke="${s.buildings.color}"/></svg>`;
      case 'pipe-points': return `<span class="swatch-symbol">${symbolSvg('manhole', NEUTRAL)}</span>`;
      case 'fire-lanes': return laneSwatch(s.fireLane.status.clear.color, s.fireLane.status.clear.opacity * 2);
      case 'parking': return `<svg ${SWATCH}><rect x="8" y="1" width="6" height="12" fill="${s.parking.standard.color}" fill-opacity="0.5" stroke="${s.parking.standard.color}"/><rect x="15" y="1" width="6" height="12" fill="${s.parking.standard.color}" fill-opacity="0.5" stroke="${s.parking.standard.color}"/></svg>`;
      case 'obstacles': return obstacleSwatch('vehicle');
      default: return '';
    }
  }

  function overlayLegend(o) {
    if (o.id === 'pipe-points') {
      return keyList(symbols.pointKinds.order.map((kind) => [`<span class="swatch-symbol">${symbolSvg(kind, NEUTRAL)}</span>`, t(`symbol.${kind}`)]));
    }
    if (o.id === 'parking') {
      return keyList(Object.entries(symbols.parking).map(([kind, k]) => [
        `<svg ${SWATCH}><rect x="9" y="1" width="10" height="12" fill="${k.color}" fill-opacity="${k.fillOpacity}" stroke="${k.color}"${k.dashArray ? ` stroke-dasharray="${k.dashArray}"` : ''}/></svg>`,
        t(`parking.${kind}`)]));
    }
    if (o.id === 'obstacles') {
      const kinds = ['vehicle', 'illegal_structure', 'clutter', 'tree', 'bollard', 'other'];
      return keyList(kinds.map((kind) => [obstacleSwatch(kind), t(`obstacle.${kind}`)]));
    }
    if (o.id === 'fire-lanes') {
      const f = symbols.fireLane;
      return keyList([
        [laneSwatch(f.status.clear.color, f.status.clear.opacity * 2), t('legend.laneClear')],
        [laneSwatch(f.status.obstructed.color, f.status.obstructed.opacity * 2, f.blockedStretch.color), t('legend.laneObstructed')],
        [`<svg ${SWATCH}><circle cx="14" cy="7" r="5" fill="${f.deadEnd.fillColor}" stroke="${f.deadEnd.color}" stroke-width="2.5"/></svg>`, t('legend.deadEnd')]
      ]) + `<p class="legend-note">${t('legend.fireLane')}</p>`;
    }
    return '';
  }

  function laneSwatch(color, opacity, blockedColor) {
    const blocked = blockedColor ? `<line x1="11" y1="7" x2="19" y2="7" stroke="${blockedColor}" stroke-width="10"/>` : '';
    return `<svg ${SWATCH}><line x1="1" y1="7" x2="27" y2="7" stroke="${color}" stroke-opacity="${opacity}" stroke-width="10"/>${blocked}</svg>`;
  }

  function obstacleSwatch(kind) {
    return `<svg ${SWATCH}><circle cx="14" cy="7" r="6.5" fill="${symbols.obstacles[kind]}"/>`
      + `<svg x="8" y="1" width="12" height="12" viewBox="0 0 16 16">${obstacleGlyphSvg(kind, 12).replace(/^<svg[^>]*>|<\/svg>$/g, '')}</svg></svg>`;
  }

  function groupLegend(group) {
    if (group !== 'pipes') return '';
    const classes = symbols.pipeWeight.classes;
    const weights = classes.map((c, i) => {
      const label = c.maxMm != null ? t('legend.weightClass', { max: c.maxMm }) : t('legend.weightClassOver', { min: classes[i - 1].maxMm });
      return [`<svg ${SWATCH}><line x1="1" y1="7" x2="27" y2="7" stroke="${NEUTRAL}" stroke-width="${c.weight}"/></svg>`, label];
    });
    const drainage = networks.find((n) => n.drainage);
    const arrow = `<svg ${SWATCH}><line x1="1" y1="7" x2="27" y2="7" stroke="${rgbCss(drainage.rgb)}" stroke-width="3"/><path d="M9 2L19 7L9 12L12 7Z" fill="${rgbCss(drainage.rgb)}" stroke="#fff"/></svg>`;
    return `<div class="legend"><h4>${t('legend.weight')}</h4>${keyList(weights)}${keyList([[arrow, t('legend.flow')]])}
      <p class="legend-note">${t('legend.source')}</p></div>`;
  }

  render();
}

function keyList(entries) {
  return `<ul class="legend-keys">${entries.map(([symbol, label]) => `<li>${symbol}<span>${escapeHtml(label)}</span></li>`).join('')}</ul>`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
