package org.lodestar.reviews.internal;

import java.util.List;
import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.reviews.DraftEdit;
import org.lodestar.reviews.PackCrossCheck;
import org.lodestar.reviews.PackRefused;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.RenderedPack;
import org.lodestar.reviews.ReviewDraft;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.ReviewPacks;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Business reviews over HTTP: the draft of an account's QBR or EBR for a quarter, and the pack as PPTX or PDF. */
@RestController
@Tag(name = "Business reviews", description = "QBR and EBR packs: the draft (narrative, stated figures) and the files")
class ReviewsApi {

    static final String PPTX_VALUE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final MediaType PPTX = MediaType.parseMediaType(PPTX_VALUE);

    private final ReviewDrafts drafts;
    private final ReviewPacks packs;

    ReviewsApi(ReviewDrafts drafts, ReviewPacks packs) {
        this.drafts = drafts;
        this.packs = packs;
    }

    @GetMapping("/api/accounts/{accountId}/reviews/{kind}/{quarter}")
    @Operation(summary = "The review draft (kind qbr or ebr, quarter such as 2026Q4): the saved one, or one made from "
            + "the data (id null) when none is saved")
    ReviewDraft draft(@PathVariable long accountId, @PathVariable String kind, @PathVariable String quarter) {
        return drafts.get(accountId, kind(kind), Quarter.parse("quarter", quarter));
    }

    @PutMapping("/api/accounts/{accountId}/reviews/{kind}/{quarter}")
    @Operation(summary = "Save the draft: summary, customerAsks, ourAsks, nextGoals (left out: kept) and all stated "
            + "figures (label, unit, stated, parts of label and value)")
    ReviewDraft save(@PathVariable long accountId, @PathVariable String kind, @PathVariable String quarter,
            @RequestBody DraftEdit edit) {
        return drafts.save(accountId, kind(kind), Quarter.parse("quarter", quarter), edit);
    }

    @ApiResponse(responseCode = "200", description = "The deck", content = @Content(mediaType = PPTX_VALUE,
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "422", description = "Refused: a stated total does not match its parts; each is named")
    @GetMapping("/api/accounts/{accountId}/reviews/{kind}/{quarter}.pptx")
    @Operation(summary = "The pack as a PPTX deck; 422 naming each total that does not match its parts")
    ResponseEntity<byte[]> pptx(@PathVariable long accountId, @PathVariable String kind, @PathVariable String quarter) {
        RenderedPack pack = packs.render(accountId, kind(kind), Quarter.parse("quarter", quarter));
        return file(pack.fileName() + ".pptx", PPTX, pack.pptx());
    }

    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(
            mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "422", description = "Refused: a stated total does not match its parts; each is named")
    @GetMapping("/api/accounts/{accountId}/reviews/{kind}/{quarter}.pdf")
    @Operation(summary = "The pack as a PDF; 422 naming each total that does not match its parts")
    ResponseEntity<byte[]> pdf(@PathVariable long accountId, @PathVariable String kind, @PathVariable String quarter) {
        RenderedPack pack = packs.render(accountId, kind(kind), Quarter.parse("quarter", quarter));
        return file(pack.fileName() + ".pdf", MediaType.APPLICATION_PDF, pack.pdf());
    }

    static ResponseEntity<byte[]> file(String name, MediaType type, byte[] body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    static ReviewKind kind(String text) {
        try {
            return ReviewKind.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", e.getMessage());
        }
    }

    @ExceptionHandler(PackRefused.class)
    ProblemDetail refused(PackRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Totals do not match their parts");
        problem.setProperty("mismatches", mismatches(e.mismatches()));
        return problem;
    }

    static List<Map<String, Object>> mismatches(List<PackCrossCheck.Total> totals) {
        return totals.stream().map(t -> Map.<String, Object>of("figure", t.figure(), "stated", t.stated(), "sum", t.sum(),
                "unit", t.unit())).toList();
    }
}
