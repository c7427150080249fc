package io.aftersales.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader of the repository can open every file the README and the docs link to. */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void every_relative_link_in_the_readme_and_the_docs_points_at_a_file_in_the_repository() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages;
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md")).toList());
        }
        pages.add(root.resolve("README.md"));

        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                if (!Files.exists(page.getParent().resolve(file).normalize())) {
                    broken.add(root.relativize(page) + " -> " + target);
                }
            }
        }

        assertThat(pages).hasSizeGreaterThan(5);
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above the working directory").isNotNull();
        return dir;
    }
}
