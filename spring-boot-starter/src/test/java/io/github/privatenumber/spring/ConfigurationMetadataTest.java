package io.github.privatenumber.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generated configuration metadata describes every property, and the README's table lists every property with
 * its default: IDE completion and the documentation cannot drift from the code.
 */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyHasADescriptionAndIsInTheReadmeTableWithItsDefault() throws Exception {
        Map<String, JsonNode> properties = new TreeMap<>();
        ClassLoader cl = getClass().getClassLoader();
        for (String file : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            try (InputStream in = cl.getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                new ObjectMapper().readTree(in).get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
            }
        }
        assertThat(properties).hasSize(29);
        Path readme = Path.of("..", "README.md");
        assertThat(readme).exists();
        List<String> rows = Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| `privatenumber.") || l.startsWith("| `management.health.privatenumber"))
                .toList();
        List<String> problems = new ArrayList<>();
        properties.forEach((name, p) -> {
            JsonNode description = p.get("description");
            if (description == null || description.asText().isBlank() || !description.asText().endsWith(".")) {
                problems.add(name + ": no description sentence in the metadata");
            }
            String row = rows.stream().filter(r -> r.startsWith("| `" + name + "` |")).findFirst().orElse(null);
            if (row == null) {
                problems.add(name + ": not in the README's table");
                return;
            }
            String[] cells = row.split(" \\| ");
            String documented = cells[1].replace("`", "");
            JsonNode dv = p.get("defaultValue");
            String expected = dv == null ? "—" : dv.isNumber() && dv.asText().equals("2") ? "2.0" : dv.asText();
            if (!documented.equals(expected)) {
                problems.add(name + ": the README says default " + documented + ", the code " + expected);
            }
        });
        assertThat(rows).as("README rows").hasSize(properties.size());
        assertThat(problems).isEmpty();
    }
}
