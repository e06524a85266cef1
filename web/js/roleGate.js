// Tools that need a role (the server's rule for the route they call, in web/RouteTable.java) are hidden or
// disabled for users without it, with a note naming the role; they follow sign-in and sign-out without a reload.
import { t, onLanguageChange } from './i18n.js';
import { hasRole, onSessionChange, currentUser } from './session.js';

const gates = [];

/** "需要测绘员角色（请先登录）": why a tool is not available, naming the role it needs. */
export function roleNeeded(role) {
  const name = t(`role.${role}`);
  return currentUser() ? t('role.needed', { role: name }) : t('role.neededSignIn', { role: name });
}

/**
 * Keeps element usable only for holders of role: hide removes it; otherwise a button is disabled, and a card
 * (any other element) has its content made inert and a note naming the role; both carry that note as tooltip.
 */
export function requireRole(element, role, { hide = false } = {}) {
  if (!element) return;
  const gate = { element, role, hide };
  gates.push(gate);
  apply(gate);
}

/** A button that may also be disabled for reasons of its own: true when the role allows it. */
export function roleAllows(button, role) {
  const allowed = hasRole(role);
  button.title = allowed ? '' : roleNeeded(role);
  button.dataset.needsRole = allowed ? '' : role;
  return allowed;
}

/**
 * A staged survey's commit or discard button: only its uploader (a surveyor) or an administrator may decide it, as
 * the server rules (403 otherwise). True when the signed-in user may.
 */
export function uploaderAllows(button, uploadedBy) {
  if (!roleAllows(button, 'surveyor')) return false;
  if (hasRole('admin') || (uploadedBy && currentUser()?.username === uploadedBy)) return true;
  button.title = uploadedBy ? t('role.uploaderOnly', { user: uploadedBy }) : t('role.adminOnly');
  button.dataset.needsRole = 'uploader';
  return false;
}

function apply({ element, role, hide }) {
  const allowed = hasRole(role);
  element.dataset.needsRole = allowed ? '' : role;
  if (hide) {
    element.hidden = !allowed;
    return;
  }
  element.title = allowed ? '' : roleNeeded(role);
  if (element instanceof HTMLButtonElement) {
    element.disabled = !allowed;
    return;
  }
  element.classList.toggle('role-locked', !allowed);
  let note = element.querySelector(':scope > .role-note');
  if (!note) {
    note = document.createElement('p');
    note.className = 'role-note';
    element.prepend(note);
  }
  note.hidden = allowed;
  note.textContent = allowed ? '' : roleNeeded(role);
  for (const child of element.children) {
    if (child !== note && child.tagName !== 'H2') child.inert = !allowed;
  }
}

function applyAll() {
  gates.forEach(apply);
}

onSessionChange(applyAll);
onLanguageChange(applyAll);
