package org.lodestar.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Believable company identities built from word lists (a brand word or founder's name, and a noun
 * that tells the industry), with a domain and a home country. A book never names two companies
 * alike.
 */
final class Companies {

    private record Industry(String name, List<String> nouns) {
    }

    private record Country(String code, String tld, String legalForm, double weight) {
    }

    /** Where an enterprise customer's subsidiaries sit. */
    private record Region(String label, String country, String subdomain) {
    }

    /** Share of companies named after a founder ("Hartley Logistics") rather than a brand word. */
    private static final double FOUNDER_NAMED = 0.25;
    /** Share of names with "Group" before the legal form. */
    private static final double GROUP_SUFFIX = 0.12;
    /** Share of names a CRM holds with the legal form ("Ltd", "GmbH"). */
    private static final double LEGAL_FORM_SHOWN = 0.35;
    /** Share of companies outside the US on their country's domain rather than .com. */
    private static final double LOCAL_DOMAIN = 0.5;
    /** Share of software companies on .io. */
    private static final double SOFTWARE_ON_IO = 0.4;

    private static final List<String> BRANDS = List.of("Northwind", "Bluepeak", "Ironwood", "Cobalt", "Harborline",
            "Summit", "Brightwater", "Redstone", "Silverline", "Granite", "Evergreen", "Clearview", "Foxglove",
            "Lighthouse", "Meridian", "Oakridge", "Pinecrest", "Riverbend", "Sandstone", "Tidewater", "Westbrook",
            "Amberly", "Beacon", "Cedarline", "Driftwood", "Everstone", "Fairhaven", "Goldcrest", "Highland",
            "Juniper", "Keystone", "Lakeshore", "Maplewood", "Nimbus", "Orchard", "Pioneer", "Quillon", "Rosewood",
            "Sterling", "Thornbury", "Upland", "Vantage", "Willowby", "Zephyr", "Alder", "Birchwood", "Copperfield",
            "Dunmore", "Elmstead", "Falconer", "Greyhaven", "Ironbridge", "Kestrel", "Larkspur", "Marlow",
            "Northgate", "Osprey", "Palisade", "Saltmarsh", "Trident", "Vireo", "Wexford", "Bramble", "Crestline",
            "Bluefin", "Aurora", "Halcyon", "Solstice", "Tamarack", "Waypoint");
    private static final List<String> FOUNDERS = List.of("Hartley", "Ashford", "Calloway", "Whitmore", "Langford",
            "Prescott", "Bellamy", "Carrington", "Davenport", "Fairbanks", "Kingsley", "Pemberton", "Radcliffe",
            "Sutton", "Thornton", "Wakefield", "Holloway", "Brennan", "Okonkwo", "Moreno", "Takahashi", "Lindgren",
            "Novak", "Castellano");
    private static final List<Industry> INDUSTRIES = List.of(
            new Industry("Software", List.of("Software", "Systems", "Labs", "Cloud")),
            new Industry("Logistics", List.of("Logistics", "Freight", "Shipping")),
            new Industry("Healthcare", List.of("Health", "Clinics", "Medical")),
            new Industry("Financial Services", List.of("Capital", "Financial", "Payments")),
            new Industry("Retail", List.of("Retail", "Outfitters", "Markets")),
            new Industry("Manufacturing", List.of("Manufacturing", "Industries", "Works")),
            new Industry("Education", List.of("Learning", "Academy")),
            new Industry("Media", List.of("Media", "Studios")),
            new Industry("Hospitality", List.of("Hotels", "Hospitality")),
            new Industry("Energy", List.of("Energy", "Power")),
            new Industry("Real Estate", List.of("Properties", "Realty")),
            new Industry("Professional Services", List.of("Consulting", "Partners", "Advisory")),
            new Industry("Insurance", List.of("Insurance", "Assurance")),
            new Industry("Telecommunications", List.of("Networks", "Telecom")));
    /** Home countries, weighted like a US-based vendor's customer base. */
    private static final List<Country> COUNTRIES = List.of(
            new Country("US", ".com", "Inc.", 48),
            new Country("GB", ".co.uk", "Ltd", 12),
            new Country("DE", ".de", "GmbH", 9),
            new Country("CA", ".ca", "Inc.", 7),
            new Country("FR", ".fr", "SAS", 6),
            new Country("NL", ".nl", "B.V.", 5),
            new Country("AU", ".com.au", "Pty Ltd", 5),
            new Country("SE", ".se", "AB", 4),
            new Country("IE", ".ie", "Ltd", 4));
    private static final double[] COUNTRY_WEIGHTS = COUNTRIES.stream().mapToDouble(Country::weight).toArray();
    private static final List<Region> REGIONS = List.of(
            new Region("UK", "GB", "uk"),
            new Region("Germany", "DE", "de"),
            new Region("France", "FR", "fr"),
            new Region("Canada", "CA", "ca"),
            new Region("Australia", "AU", "au"),
            new Region("Nordics", "SE", "nordics"),
            new Region("Benelux", "NL", "benelux"),
            new Region("Japan", "JP", "jp"),
            new Region("Brazil", "BR", "br"));

    /** Brands handed out so far, as slugs; only ever asked whether it holds one. */
    private final Set<String> taken = new HashSet<>();

    Company next(Dice dice) {
        Industry industry = dice.pick(INDUSTRIES);
        Country country = COUNTRIES.get(dice.weighted(COUNTRY_WEIGHTS));
        String brand = uniqueBrand(dice, industry);
        String name = brand + (dice.chance(GROUP_SUFFIX) ? " Group" : "")
                + (dice.chance(LEGAL_FORM_SHOWN) ? " " + country.legalForm() : "");
        String tld;
        if (industry.name().equals("Software") && dice.chance(SOFTWARE_ON_IO)) {
            tld = ".io";
        } else {
            tld = dice.chance(LOCAL_DOMAIN) ? country.tld() : ".com";
        }
        String slug = slug(brand);
        return new Company(name, brand, slug.replace("-", "") + tld, slug, industry.name(), country.code());
    }

    /**
     * A subsidiary of {@code parent} in a region outside the parent's home country that none of its
     * siblings covers yet; the region is added to {@code siblingRegions}.
     */
    Company subsidiary(Dice dice, Company parent, Set<String> siblingRegions) {
        List<Region> open = REGIONS.stream()
                .filter(region -> !region.country().equals(parent.country()))
                .filter(region -> !siblingRegions.contains(region.label()))
                .toList();
        Region region = dice.pick(open);
        siblingRegions.add(region.label());
        String brand = parent.brand() + " " + region.label();
        return new Company(brand, brand, region.subdomain() + "." + parent.domain(),
                parent.productGroupId() + "-" + region.subdomain(), parent.industry(), region.country());
    }

    private String uniqueBrand(Dice dice, Industry industry) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            String first = dice.chance(FOUNDER_NAMED) ? dice.pick(FOUNDERS) : dice.pick(BRANDS);
            String brand = first + " " + dice.pick(industry.nouns());
            if (taken.add(slug(brand))) {
                return brand;
            }
        }
        throw new IllegalStateException("Ran out of company names for the " + industry.name() + " industry");
    }

    /** {@code Northwind Logistics} becomes {@code northwind-logistics}. */
    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
