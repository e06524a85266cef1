package cn.compoundgis.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.Resources;
import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * Signing in and out on the map and the dashboard in a real headless Chromium against a real server: the anonymous
 * map offers 登录 and locks the tools that need a role; a surveyor signs in through the form (a wrong password first:
 * the server's refusal shows beside the form), sees their name and role, may upload but not edit the register; the
 * header speaks English on the toggle; a token made in the token dialog works for the API; a session that ends under
 * the page brings the form back; and with anonymous reading off the map asks for a sign-in before it loads anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPageTest {
    private static final String SURVEYOR = "surveyor-zhang";
    private static final String SURVEYOR_NAME = "张测绘";
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final String CHINESE = "[\\u4e00-\\u9fff]";
    private static final String LISTED =
            "return [...document.querySelectorAll('#token-rows tr')].some(r => r.cells[0].textContent === arguments[0])";

    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("sign_in_page_test", null, true);
        TestUsers.create(server, SURVEYOR, List.of("surveyor"), List.of(), List.of("*"));
        HttpResponse<String> named = server.send(server.request("/api/users/" + SURVEYOR)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(TestServer.json(Map.of("display_name", SURVEYOR_NAME)))));
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        Resources.closeAll(browser, server);
    }

    /** Each test starts anonymous and in Chinese, at the desktop size. */
    @BeforeEach
    void anonymousAndChinese() {
        browser.driver.manage().window().setSize(Browser.WINDOW);
        browser.driver.get(server.baseUrl() + "/api/map-config");
        browser.driver.manage().deleteAllCookies();
        browser.js("localStorage.clear()");
        browser.consoleErrors();
    }

    @Test
    void theAnonymousMapOffersSignInAndLocksTheToolsThatNeedARole() throws Exception {
        browser.open(server.baseUrl() + "/");
        assertThat(browser.find("#sign-in-open").isDisplayed()).isTrue();
        assertThat(browser.find("#sign-in-open").getText()).isEqualTo("登录");
        assertThat(browser.find("#account-user").isDisplayed()).isFalse();
        assertLocked("#upload", "测绘员");
        assertLocked("#dig-card", "设计师");
        assertLocked("#conflict-card", "设计师");
        assertThat(browser.find("#report-button").isEnabled()).as("report needs an inspector").isFalse();
        assertThat(browser.find("#report-button").getAttribute("title")).contains("巡查员", "请先登录");
        assertThat(browser.find("#compound-register").isDisplayed()).as("the register editor is the administrator's").isFalse();
        assertThat(browser.js("return document.querySelector('#upload-files').closest('[inert]') !== null"))
                .as("the upload's file input cannot be used").isEqualTo(true);
        browser.screenshot("sign-in-anonymous.png");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aSurveyorSignsInThroughTheFormSeesTheirNameAndRoleAndMayUploadButNotEditTheRegister() throws Exception {
        browser.open(server.baseUrl() + "/");
        browser.click("#sign-in-open");
        browser.waitUntil("the sign-in form opens", "return document.querySelector('#sign-in-dialog').open");
        browser.find("#sign-in-username").sendKeys(SURVEYOR);
        browser.find("#sign-in-password").sendKeys("not-the-password", Keys.ENTER);
        browser.waitUntil("the refusal is shown", "return !document.querySelector('#sign-in-error').hidden");
        assertThat(browser.find("#sign-in-error").getText())
                .contains("用户名或密码错误").doesNotContain("wrong user name or password");
        assertThat(browser.js("return document.querySelector('#account-user').hidden")).isEqualTo(true);

        browser.find("#sign-in-password").sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        browser.waitUntil("the form closes on sign-in", "return !document.querySelector('#sign-in-dialog').open");
        assertThat(browser.find("#account-name").getText()).isEqualTo(SURVEYOR_NAME);
        assertThat(browser.find("#account-roles").getText()).isEqualTo("测绘员");
        assertThat(browser.find("#sign-out").getText()).isEqualTo("退出");
        assertThat(browser.find("#password-open").getText()).isEqualTo("修改密码");
        assertUnlocked("#upload");
        assertThat(browser.find("#upload-files").getAttribute("disabled")).isNull();
        assertLocked("#dig-card", "设计师");
        assertThat(browser.find("#dig-card .role-note").getText()).doesNotContain("请先登录");
        assertThat(browser.find("#report-button").isEnabled()).isFalse();
        assertThat(browser.find("#compound-register").isDisplayed()).isFalse();
        browser.screenshot("sign-in-surveyor.png");

        browser.click("#lang-toggle");
        String header = browser.find(".app-header").getText();
        assertThat(header).contains(SURVEYOR_NAME, "surveyor", "Sign out", "Change password", "API tokens");
        String toggle = browser.find("#lang-toggle").getText(); // "中文": the way back names its language in it
        assertThat(header.replace(SURVEYOR_NAME, "").replace(toggle, "")).as("no Chinese left in the header")
                .doesNotContainPattern(CHINESE);
        assertThat(browser.find("#dig-card .role-note").getText()).isEqualTo("Needs the designer role");
        browser.screenshot("sign-in-surveyor-en.png");
        browser.click("#lang-toggle");

        browser.driver.manage().window().setSize(PHONE);
        browser.waitUntil("the account corner fits the phone", "return document.querySelector('#account').getBoundingClientRect().right <= window.innerWidth");
        browser.screenshot("sign-in-surveyor-phone.png");
        browser.driver.manage().window().setSize(Browser.WINDOW);

        browser.click("#sign-out");
        browser.waitUntil("signed out", "return !document.querySelector('#sign-in-open').hidden");
        assertThat(browser.find("#account-user").isDisplayed()).isFalse();
        assertLocked("#upload", "测绘员");
        assertThat(TestServer.parse(browser.js("return fetch('/api/session').then(r => r.text())").toString())
                .get("signed_in").asBoolean()).as("the server ended the session").isFalse();
        assertThat(browser.consoleErrors()).noneMatch(e -> !e.contains("401"));
    }

    @Test
    void aTokenMadeInTheDialogWorksForTheApiAndIsRevokedThere() {
        browser.open(server.baseUrl() + "/");
        signInThroughTheForm(SURVEYOR, TestUsers.PASSWORD);
        browser.click("#tokens-open");
        browser.waitUntil("the token dialog opens", "return document.querySelector('#tokens-dialog').open");
        assertThat(browser.find("#tokens-dialog").getText()).contains("Authorization: Bearer", "QGIS", "GDAL_HTTP_HEADERS");
        browser.find("#token-name").sendKeys("qgis-desk");
        browser.find("#token-days").clear();
        browser.find("#token-days").sendKeys("30");
        browser.click("#token-create");
        browser.waitUntil("the secret is shown", "return !document.querySelector('#token-created').hidden");
        assertThat(browser.find("#token-created").getText()).contains("只显示这一次");
        assertThat(browser.find("#token-copy").isDisplayed()).isTrue();
        String token = browser.find("#token-secret").getAttribute("value");
        assertThat(token).startsWith("cgis_");
        browser.waitUntil("the token is listed", LISTED, "qgis-desk");

        JsonNode asToken = TestServer.parse(server.as(token).get("/api/session").body());
        assertThat(asToken.get("signed_in").asBoolean()).isTrue();
        assertThat(asToken.at("/user/username").asText()).isEqualTo(SURVEYOR);
        assertThat(asToken.at("/user/signed_in_via").asText()).isEqualTo("token");

        browser.js("[...document.querySelectorAll('#token-rows tr')].find(r => r.cells[0].textContent === arguments[0])"
                + ".querySelector('.token-revoke').click()", "qgis-desk");
        browser.waitUntil("the token leaves the list", "return !(" + LISTED.substring("return ".length()) + ")", "qgis-desk");
        assertThat(server.as(token).get("/api/tokens").statusCode()).as("a revoked token").isEqualTo(401);
        assertThat(TestServer.parse(server.as(token).get("/api/session").body()).get("signed_in").asBoolean()).isFalse();
        browser.click("#tokens-close");
    }

    @Test
    void aWriteRefusedWith401BringsTheSignInFormBackAndAfterSigningInTheWriteWorks() {
        browser.open(server.baseUrl() + "/");
        signInThroughTheForm(SURVEYOR, TestUsers.PASSWORD);
        browser.driver.manage().deleteCookieNamed("cgis_session"); // the session ends under the page
        Object refused = browser.js("return import('/js/api.js').then(api => api.sendJson('POST', '/api/tokens',"
                + " {json: {name: 'retry'}})).then(() => 'made', e => String(e.status))");
        assertThat(refused).isEqualTo("401");
        browser.waitUntil("the sign-in form opens again", "return document.querySelector('#sign-in-dialog').open");
        assertThat(browser.find("#sign-in-message").getText()).contains("登录已失效");
        assertThat(browser.find("#account-user").isDisplayed()).as("the page knows the session ended").isFalse();
        assertLocked("#upload", "测绘员");

        browser.find("#sign-in-password").sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        browser.waitUntil("signed in again", "return !document.querySelector('#sign-in-dialog').open");
        assertUnlocked("#upload");
        Object retried = browser.js("return import('/js/api.js').then(api => api.sendJson('POST', '/api/tokens',"
                + " {json: {name: 'retry'}})).then(() => 'made', e => String(e.status))");
        assertThat(retried).isEqualTo("made");
    }

    @Test
    void theDashboardShowsTheSameSignInState() {
        browser.driver.get(server.baseUrl() + "/dashboard");
        browser.waitUntil("the account corner", "return document.querySelector('#sign-in-open') !== null");
        assertThat(browser.find("#sign-in-open").getText()).isEqualTo("登录");
        browser.click("#sign-in-open");
        browser.find("#sign-in-username").sendKeys(SURVEYOR);
        browser.find("#sign-in-password").sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        browser.waitUntil("signed in on the dashboard", "return !document.querySelector('#account-user').hidden");
        assertThat(browser.find(".dash-header").getText()).contains(SURVEYOR_NAME, "测绘员", "退出");
        browser.click("#sign-out");
        browser.waitUntil("signed out on the dashboard", "return !document.querySelector('#sign-in-open').hidden");
    }

    @Test
    void withAnonymousReadingOffTheMapAsksForASignInFirstAndThenLoadsTheCompounds() throws Exception {
        try (TestServer closed = TestServer.start("sign_in_closed_page_test", null, true,
                config -> config.withAccounts(config.accounts().withAnonymousRead(false)))) {
            browser.driver.get(closed.baseUrl() + "/");
            browser.waitUntil("the sign-in form opens first", "return document.querySelector('#sign-in-dialog')?.open === true");
            assertThat(browser.find("#sign-in-message").getText()).contains("只对已登录用户开放");
            assertThat(browser.find("#sign-in-cancel").isDisplayed()).as("the form cannot be put aside").isFalse();
            assertThat(browser.js("return document.documentElement.dataset.ready")).as("nothing loaded yet").isNull();
            browser.screenshot("sign-in-required.png");

            browser.find("#sign-in-username").sendKeys("admin");
            browser.find("#sign-in-password").sendKeys(TestServer.ADMIN_PASSWORD, Keys.ENTER);
            browser.waitUntil("the map starts once signed in", "return document.documentElement.dataset.ready === 'true'");
            browser.waitUntil("the compounds are drawn", "return document.querySelectorAll('path.compound').length > 0");
            assertThat(browser.find("#account-roles").getText()).isEqualTo("管理员");
            assertThat(browser.find("#compound-register").isDisplayed()).isTrue();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aDesignerChangesTheirPasswordAndSignsInWithTheNewOne() {
        TestUsers.create(server, "designer-li", List.of("designer"), List.of(), List.of());
        browser.open(server.baseUrl() + "/");
        signInThroughTheForm("designer-li", TestUsers.PASSWORD);
        assertThat(browser.find("#account-roles").getText()).isEqualTo("设计师");
        assertUnlocked("#dig-card");
        assertLocked("#upload", "测绘员");
        browser.click("#password-open");
        browser.waitUntil("the password form opens", "return document.querySelector('#password-dialog').open");
        browser.find("#password-current").sendKeys("not-my-password");
        browser.find("#password-new").sendKeys("a-new-designer-password", Keys.ENTER);
        browser.waitUntil("the refusal is shown", "return !document.querySelector('#password-error').hidden");
        assertThat(browser.find("#password-error").getText()).isEqualTo("当前密码不正确");

        browser.find("#password-current").clear();
        browser.find("#password-current").sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        browser.waitUntil("signed out, asked to sign in again", "return document.querySelector('#sign-in-dialog').open");
        assertThat(browser.find("#sign-in-message").getText()).contains("密码已修改");
        browser.find("#sign-in-password").sendKeys("a-new-designer-password", Keys.ENTER);
        browser.waitUntil("signed in with the new password", "return !document.querySelector('#account-user').hidden");
        assertUnlocked("#dig-card");
    }

    @Test
    void tooManyWrongPasswordsShowHowLongToWait() {
        TestUsers.create(server, "inspector-wang", List.of("inspector"), List.of(), List.of());
        browser.open(server.baseUrl() + "/");
        browser.click("#sign-in-open");
        browser.find("#sign-in-username").sendKeys("inspector-wang");
        String wait = "";
        for (int attempt = 0; attempt < 10 && !wait.contains("秒后再试"); attempt++) {
            browser.find("#sign-in-password").sendKeys("wrong-" + attempt, Keys.ENTER);
            browser.waitUntil("an answer", "return !document.querySelector('#sign-in-error').hidden"
                    + " && !document.querySelector('#sign-in-submit').disabled");
            wait = browser.find("#sign-in-error").getText();
        }
        assertThat(wait).containsPattern("请 \\d+ 秒后再试").doesNotContain("too many failed sign-ins");
        browser.find("#sign-in-password").sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        browser.waitUntil("still refused", "return !document.querySelector('#sign-in-error').hidden"
                + " && !document.querySelector('#sign-in-submit').disabled");
        assertThat(browser.find("#sign-in-error").getText()).as("even the right password waits").contains("秒后再试");
        assertThat(browser.find("#account-user").isDisplayed()).isFalse();
        browser.click("#sign-in-cancel");
    }

    private void signInThroughTheForm(String username, String password) {
        browser.click("#sign-in-open");
        browser.find("#sign-in-username").sendKeys(username);
        browser.find("#sign-in-password").sendKeys(password, Keys.ENTER);
        browser.waitUntil("signed in", "return !document.querySelector('#account-user').hidden");
    }

    private void assertLocked(String card, String roleName) {
        assertThat(browser.find(card).getAttribute("class")).contains("role-locked");
        assertThat(browser.find(card + " > .role-note").getText()).contains("需要" + roleName + "角色");
        assertThat(browser.js("return [...document.querySelector(arguments[0]).children]"
                + ".filter(c => c.tagName !== 'H2' && !c.classList.contains('role-note')).every(c => c.inert)", card))
                .as(card + " cannot be used").isEqualTo(true);
    }

    private void assertUnlocked(String card) {
        assertThat(browser.find(card).getAttribute("class")).doesNotContain("role-locked");
        assertThat(browser.find(card + " > .role-note").isDisplayed()).isFalse();
        assertThat(browser.js("return [...document.querySelector(arguments[0]).children].some(c => c.inert)", card))
                .isEqualTo(false);
    }
}
