// The header's account corner, on the map and the dashboard: 登录 / Sign in (a small form), and once signed in the
// user's name and roles, 退出 / Sign out, 修改密码 / Change password and the API token dialog (tokens for QGIS,
// GDAL and scripts: made, shown once, listed, revoked). A session that ends under the page (a 401) opens the
// sign-in form again with a note, so the user signs in and tries once more.
import { t, onLanguageChange, translatePage } from './i18n.js';
import { loadSession, signIn, signOut, changePassword, currentUser, session, onSessionChange, SessionError } from './session.js';
import { getJson, sendJson, ServerError } from './api.js';
import { ACCOUNT } from './settings.js';

const MENU = `
  <button type="button" id="sign-in-open" class="account-button" data-i18n="account.signIn"></button>
  <span id="account-user" class="account-user" hidden><span id="account-name"></span>
    <span id="account-roles" class="account-roles"></span></span>
  <span id="account-actions" class="account-actions" hidden>
    <button type="button" id="sign-out" class="account-button" data-i18n="account.signOut"></button>
    <button type="button" id="password-open" class="account-link" data-i18n="account.changePassword"></button>
    <button type="button" id="tokens-open" class="account-link" data-i18n="tokens.open"></button>
  </span>`;

const SIGN_IN_DIALOG = `
  <form id="sign-in-form" class="account-form">
    <h2 data-i18n="account.signInTitle"></h2>
    <p id="sign-in-message" class="account-message" hidden></p>
    <label for="sign-in-username" data-i18n="account.username"></label>
    <input id="sign-in-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false">
    <label for="sign-in-password" data-i18n="account.password"></label>
    <input id="sign-in-password" name="password" type="password" autocomplete="current-password">
    <p id="sign-in-error" class="account-error" role="alert" hidden></p>
    <div class="account-buttons">
      <button type="submit" id="sign-in-submit" data-i18n="account.signIn"></button>
      <button type="button" id="sign-in-cancel" class="secondary" data-i18n="account.cancel"></button>
    </div>
  </form>`;

const PASSWORD_DIALOG = `
  <form id="password-form" class="account-form">
    <h2 data-i18n="account.changePassword"></h2>
    <label for="password-current" data-i18n="account.currentPassword"></label>
    <input id="password-current" type="password" autocomplete="current-password">
    <label for="password-new" data-i18n="account.newPassword"></label>
    <input id="password-new" type="password" autocomplete="new-password" data-i18n-placeholder="account.newPasswordHint">
    <p id="password-error" class="account-error" role="alert" hidden></p>
    <div class="account-buttons">
      <button type="submit" id="password-submit" data-i18n="account.changePassword"></button>
      <button type="button" id="password-cancel" class="secondary" data-i18n="account.cancel"></button>
    </div>
  </form>`;

const TOKENS_DIALOG = `
  <div class="account-form tokens">
    <h2 data-i18n="tokens.title"></h2>
    <p class="muted" data-i18n="tokens.intro"></p>
    <form id="token-form" class="token-form">
      <label for="token-name" data-i18n="tokens.name"></label>
      <input id="token-name" maxlength="100" data-i18n-placeholder="tokens.namePlaceholder">
      <label for="token-days" data-i18n="tokens.days"></label>
      <input id="token-days" type="number" min="1" step="1">
      <button type="submit" id="token-create" data-i18n="tokens.create"></button>
    </form>
    <p id="token-error" class="account-error" role="alert" hidden></p>
    <div id="token-created" class="token-created" hidden>
      <p class="token-once" data-i18n="tokens.shownOnce"></p>
      <div class="token-secret-row"><input id="token-secret" readonly spellcheck="false">
        <button type="button" id="token-copy" data-i18n="tokens.copy"></button></div>
    </div>
    <p class="token-usage"><span data-i18n="tokens.usage"></span><br><code>GDAL_HTTP_HEADERS="Authorization: Bearer &lt;token&gt;" ogrinfo OAPIF:<span class="token-origin"></span></code></p>
    <table class="token-list"><thead><tr><th data-i18n="tokens.name"></th><th data-i18n="tokens.startsWith"></th>
      <th data-i18n="tokens.expires"></th><th data-i18n="tokens.lastUsed"></th><th></th></tr></thead><tbody id="token-rows"></tbody></table>
    <p id="token-none" class="muted" data-i18n="tokens.none" hidden></p>
    <div class="account-buttons"><button type="button" id="tokens-close" class="secondary" data-i18n="account.close"></button></div>
  </div>`;

/**
 * Fills container with the account corner and adds its dialogs to the page. Answers {requireSignIn}: a promise
 * that resolves once someone is signed in (the sign-in form stays open until then).
 */
export function createAccount(container) {
  container.innerHTML = MENU;
  const signInDialog = dialog('sign-in-dialog', SIGN_IN_DIALOG);
  const passwordDialog = dialog('password-dialog', PASSWORD_DIALOG);
  const tokensDialog = dialog('tokens-dialog', TOKENS_DIALOG);
  const $ = (selector) => document.querySelector(selector);
  let required = false;
  let tokens = [];
  const signedInWaiters = [];

  $('#sign-in-open').addEventListener('click', () => openSignIn(null));
  $('#sign-out').addEventListener('click', () => signOut().catch(() => {}));
  $('#password-open').addEventListener('click', openPassword);
  $('#tokens-open').addEventListener('click', openTokens);
  $('#sign-in-form').addEventListener('submit', (event) => { event.preventDefault(); submitSignIn(); });
  $('#sign-in-cancel').addEventListener('click', () => signInDialog.close());
  signInDialog.addEventListener('cancel', (event) => { if (required) event.preventDefault(); });
  $('#password-form').addEventListener('submit', (event) => { event.preventDefault(); submitPassword(); });
  $('#password-cancel').addEventListener('click', () => passwordDialog.close());
  $('#token-form').addEventListener('submit', (event) => { event.preventDefault(); createToken(); });
  $('#token-copy').addEventListener('click', copySecret);
  $('#tokens-close').addEventListener('click', () => tokensDialog.close());
  $('#token-rows').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-token-id]');
    if (button) revokeToken(button.dataset.tokenId);
  });
  onSessionChange(sessionChanged);
  onLanguageChange(() => { renderUser(); renderTokens(); });
  translatePage(container);
  renderUser();

  function dialog(id, html) {
    const element = document.createElement('dialog');
    element.id = id;
    element.className = 'account-dialog';
    element.innerHTML = html;
    document.body.append(element);
    translatePage(element);
    return element;
  }

  function sessionChanged(current) {
    renderUser();
    if (current.signed_in) {
      signedInWaiters.splice(0).forEach((resolve) => resolve(current));
      return;
    }
    [passwordDialog, tokensDialog].forEach((d) => d.close());
    if (current.reason === 'expired') openSignIn(t('account.expired'));
    else if (current.reason === 'password-changed') openSignIn(t('account.passwordChanged'));
  }

  function renderUser() {
    const user = currentUser();
    $('#sign-in-open').hidden = Boolean(user);
    $('#account-user').hidden = !user;
    $('#account-actions').hidden = !user;
    if (!user) return;
    $('#account-name').textContent = user.display_name || user.username;
    $('#account-name').title = user.username;
    $('#account-roles').textContent = user.roles.map((role) => t(`role.${role}`)).join(t('account.roleSeparator'));
  }

  function openSignIn(message) {
    const note = $('#sign-in-message');
    note.hidden = !message;
    note.textContent = message ?? '';
    $('#sign-in-error').hidden = true;
    $('#sign-in-cancel').hidden = required;
    $('#sign-in-password').value = '';
    if (!signInDialog.open) signInDialog.showModal();
    $(currentUsername() ? '#sign-in-password' : '#sign-in-username').focus();
  }

  function currentUsername() {
    return $('#sign-in-username').value.trim();
  }

  async function submitSignIn() {
    const username = currentUsername();
    const password = $('#sign-in-password').value;
    if (!username || !password) {
      showError('#sign-in-error', t('account.fillBoth'));
      return;
    }
    $('#sign-in-error').hidden = true;
    $('#sign-in-submit').disabled = true;
    try {
      await signIn(username, password);
      $('#sign-in-password').value = '';
      required = false;
      signInDialog.close();
    } catch (error) {
      showError('#sign-in-error', signInError(error));
      $('#sign-in-password').value = '';
    } finally {
      $('#sign-in-submit').disabled = false;
    }
  }

  /** The server's refusal (wrong password, wait n seconds …) in the user's language. */
  function signInError(error) {
    return error instanceof SessionError ? error.description : t('account.unreachable');
  }

  function openPassword() {
    ['#password-current', '#password-new'].forEach((s) => { $(s).value = ''; });
    $('#password-error').hidden = true;
    passwordDialog.showModal();
    $('#password-current').focus();
  }

  async function submitPassword() {
    $('#password-submit').disabled = true;
    try {
      await changePassword($('#password-current').value, $('#password-new').value);
    } catch (error) {
      showError('#password-error', error instanceof SessionError ? error.description : t('account.unreachable'));
    } finally {
      $('#password-submit').disabled = false;
    }
  }

  async function openTokens() {
    $('#token-created').hidden = true;
    $('#token-secret').value = '';
    $('#token-error').hidden = true;
    $('#token-days').value = String(ACCOUNT.TOKEN_DEFAULT_DAYS);
    $('.token-origin').textContent = window.location.origin;
    tokensDialog.showModal();
    $('#token-name').focus();
    await loadTokens();
  }

  async function loadTokens() {
    try {
      tokens = (await getJson('/api/tokens', { labelKey: 'tokens.title' })).tokens;
      renderTokens();
    } catch (error) {
      showError('#token-error', errorText(error));
    }
  }

  function renderTokens() {
    const rows = tokens.filter((token) => !token.revoked_at).map((token) => {
      const row = document.createElement('tr');
      row.dataset.tokenId = token.id;
      [token.name, `${token.starts_with}…`, day(token.expires_at) || t('tokens.never'), day(token.last_used_at) || '—']
        .forEach((text) => { const cell = row.insertCell(); cell.textContent = text; });
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'token-revoke secondary';
      revoke.dataset.tokenId = token.id;
      revoke.textContent = t('tokens.revoke');
      row.insertCell().append(revoke);
      return row;
    });
    $('#token-rows').replaceChildren(...rows);
    $('#token-none').hidden = rows.length > 0;
  }

  async function createToken() {
    const name = $('#token-name').value.trim();
    if (!name) {
      showError('#token-error', t('tokens.nameNeeded'));
      return;
    }
    const days = $('#token-days').value.trim();
    $('#token-create').disabled = true;
    try {
      const made = await sendJson('POST', '/api/tokens', { labelKey: 'tokens.create',
        json: { name, expires_in_days: days ? Number(days) : null } });
      $('#token-error').hidden = true;
      $('#token-secret').value = made.token;
      $('#token-created').hidden = false;
      $('#token-name').value = '';
      $('#token-secret').select();
      await loadTokens();
    } catch (error) {
      showError('#token-error', errorText(error));
    } finally {
      $('#token-create').disabled = false;
    }
  }

  async function copySecret() {
    const secret = $('#token-secret');
    try {
      await navigator.clipboard.writeText(secret.value);
    } catch {
      secret.select();
      document.execCommand('copy'); // pages served over plain http to another host have no clipboard API
    }
    $('#token-copy').textContent = t('tokens.copied');
    setTimeout(() => { $('#token-copy').textContent = t('tokens.copy'); }, ACCOUNT.COPIED_NOTE_MS);
  }

  async function revokeToken(id) {
    try {
      await sendJson('DELETE', `/api/tokens/${encodeURIComponent(id)}`, { labelKey: 'tokens.revoke' });
      await loadTokens();
    } catch (error) {
      showError('#token-error', errorText(error));
    }
  }

  function showError(selector, text) {
    $(selector).textContent = text;
    $(selector).hidden = false;
  }

  /** Resolves once someone is signed in; until then the sign-in form is open and cannot be dismissed. */
  function requireSignIn() {
    if (session().signed_in) return Promise.resolve(session());
    required = true;
    openSignIn(t('account.required'));
    return new Promise((resolve) => signedInWaiters.push(resolve));
  }

  return { requireSignIn };
}

/** Asks the server who is signed in (unreachable: as if no one were) and fills the account corner. */
export async function startAccount(container) {
  const account = createAccount(container);
  await loadSession().catch(() => {});
  return account;
}

function errorText(error) {
  return error instanceof ServerError ? error.description : t('account.unreachable');
}

function day(timestamp) {
  return timestamp ? timestamp.slice(0, 10) : '';
}
