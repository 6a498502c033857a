package org.lodestar.reviews;

import java.util.List;

import org.lodestar.infrastructure.Money;
import org.lodestar.reviews.internal.PackAssembler;
import org.lodestar.reviews.internal.PackCharts;
import org.lodestar.reviews.internal.PackLayout;
import org.lodestar.reviews.internal.PdfReport;
import org.lodestar.reviews.internal.PptxDeck;
import org.springframework.stereotype.Service;

/**
 * Business review packs: the account's quarter read from the data, with the CSM's draft (saved, or made from the
 * data), cross-checked, then drawn as a PPTX deck and a PDF. A pack whose totals do not add up is refused
 * ({@link PackRefused}) and nothing is drawn.
 */
@Service
public class ReviewPacks {

    private final PackAssembler assembler;
    private final ReviewDrafts drafts;
    private final Money money;

    ReviewPacks(PackAssembler assembler, ReviewDrafts drafts, Money money) {
        this.assembler = assembler;
        this.drafts = drafts;
        this.money = money;
    }

    /** The pack with the draft's narrative and figures, every total checked against its parts. */
    public ReviewPack pack(long accountId, ReviewKind kind, Quarter quarter) {
        ReviewPack pack = assembler.assemble(accountId, kind, quarter);
        ReviewDraft draft = drafts.find(accountId, kind, quarter).orElse(null);
        if (draft != null) {
            pack = pack.withDraft(draft.narrative(), draft.figures());
        }
        return PackCrossCheck.verify(pack);
    }

    /** The checked pack as a deck and a PDF. */
    public RenderedPack render(long accountId, ReviewKind kind, Quarter quarter) {
        ReviewPack pack = pack(accountId, kind, quarter);
        List<PackLayout.Slide> slides = PackLayout.slides(pack, PackCharts.of(pack), money);
        return new RenderedPack(PackLayout.fileName(pack), PptxDeck.render(pack, slides), PdfReport.render(pack, slides));
    }
}
