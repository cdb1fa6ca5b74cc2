package org.mnistablation.notebook;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.analysis.Analysis;
import org.mnistablation.analysis.Claim;
import org.mnistablation.analysis.Measure;
import org.mnistablation.analysis.Renderer;
import org.mnistablation.cache.Setting;

/**
 * A notebook's analysis being put together: the fits it covers (one table row each), then
 * {@code .answer("Q1", claims…)} per question of the notebook's markdown and {@code .detail(claims…)};
 * {@code publish(report)} evaluates it and writes it.
 *
 * <pre>{@code
 * publish(analysis("Task 05 — Dropout", h0, h01, h03)
 *     .answer("Q1", lower(generalisationGap(), h01, h0), lower(generalisationGap(), h03, h0))
 *     .answer("Q3", best(testAccuracy(), h0, h01, h03)));
 * }</pre>
 */
public final class Report {

    private final Analysis analysis;
    private final Renderer.Voice voice;

    Report(String title, List<Setting> fits, List<Measure> standardColumns, Renderer.Voice voice) {
        List<Setting> settings = new ArrayList<>();
        for (Setting f : fits) {
            if (settings.stream().anyMatch(s -> s.label().equals(f.label()))) {
                throw new IllegalArgumentException("two models are named \"" + f.label() + "\": give each its own name");
            }
            settings.add(f);
        }
        this.analysis = new Analysis(title, settings).columns(standardColumns.toArray(Measure[]::new));
        this.voice = voice;
    }

    /** More table columns, e.g. {@code maxAbsWeight()}. */
    public Report columns(Measure... measures) {
        analysis.columns(measures);
        return this;
    }

    /** The answer to the notebook's question {@code id} ("Q1" for {@code **Q1. …**} in its markdown). */
    public Report answer(String id, Claim... claims) {
        analysis.answer(id, claims);
        return this;
    }

    /** Claims shown under Details only. */
    public Report detail(Claim... claims) {
        analysis.detail(claims);
        return this;
    }

    Analysis.Result evaluate() {
        return analysis.evaluate();
    }

    Renderer.Voice voice() {
        return voice;
    }
}
