package cn.compoundgis.survey.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed mid-upload leaves its folder behind: the next start removes it, and only it. */
class UploadWorkspaceTest {
    @TempDir
    Path parent;

    @Test
    void leftoversOfGoneProcessesAreRemovedAndFoldersOfRunningOnesKept() throws Exception {
        UploadWorkspace workspace = new UploadWorkspace(parent);
        long gone = deadPid();
        Path leftover = Files.createDirectories(parent.resolve("upload-" + gone + "-123/files/zip-0"));
        Files.writeString(leftover.resolve("pipes.shp"), "half an upload");
        Path current = workspace.newFolder(); // an upload of this server, in progress
        Path running = Files.createDirectory(parent.resolve("upload-" + ProcessHandle.current().parent().orElseThrow().pid() + "-7"));
        Path unrelated = Files.createDirectory(parent.resolve("something-else"));

        assertThat(workspace.removeLeftovers()).isEqualTo(1);

        assertThat(parent.resolve("upload-" + gone + "-123")).doesNotExist();
        assertThat(current).isDirectory();
        assertThat(running).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void aFolderOfThisPidOlderThanThisProcessIsALeftoverOfAnEarlierRun() throws Exception {
        UploadWorkspace workspace = new UploadWorkspace(parent);
        Path old = workspace.newFolder();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(old, FileTime.from(started.minusSeconds(3600))); // as if made by an earlier run
        Path ours = workspace.newFolder();

        assertThat(workspace.removeLeftovers()).isEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(ours).isDirectory();
    }

    @Test
    void newFoldersCarryThePrefixAndPidUnderTheParent() throws Exception {
        Path folder = new UploadWorkspace(parent.resolve("uploads")).newFolder();
        assertThat(folder.getParent()).isEqualTo(parent.resolve("uploads"));
        assertThat(folder.getFileName().toString()).startsWith("upload-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void jettysSpoolOfAKilledServerIsALeftoverAndOursIsKept() throws Exception {
        UploadWorkspace workspace = new UploadWorkspace(parent);
        Path killedServersSpool = Files.createDirectories(parent.resolve("upload-" + deadPid() + "-multipart"));
        Files.writeString(killedServersSpool.resolve("MultiPart123.tmp"), "part of a request");
        Path ours = workspace.multipartSpool();

        assertThat(workspace.removeLeftovers()).isEqualTo(1);

        assertThat(killedServersSpool).doesNotExist();
        assertThat(ours).isDirectory().hasFileName("upload-" + ProcessHandle.current().pid() + "-multipart");
    }

    private static long deadPid() {
        for (long pid = 4_000_000; ; pid++) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
