package org.lodestar.demo;

import java.util.List;
import java.util.Locale;

import org.lodestar.people.Role;

/**
 * The demo company's CS team: a leader and eight CSMs, three on enterprise accounts, three on
 * mid-market and two sharing the SMB pool.
 */
final class CsTeam {

    static final String DOMAIN = "lodestar.demo";
    /** Share of SMB accounts nobody owns: the digital programme runs them until a CSM picks them up. */
    private static final double UNOWNED_SMB = 0.15;

    /**
     * A team member; {@code desk} is the segment a CSM covers (none for the leader). Uneven book
     * weights leave the leader some rebalancing to do.
     */
    record Member(String name, Role role, Segment desk, double bookWeight) {

        String email() {
            return name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@" + DOMAIN;
        }
    }

    static final List<Member> MEMBERS = List.of(
            new Member("Rachel Goldberg", Role.LEADER, null, 0),
            new Member("Maya Chen", Role.CSM, Segment.ENTERPRISE, 1.2),
            new Member("Daniel Okafor", Role.CSM, Segment.ENTERPRISE, 1.0),
            new Member("Priya Raman", Role.CSM, Segment.ENTERPRISE, 0.8),
            new Member("Lucas Moreau", Role.CSM, Segment.MID_MARKET, 1.15),
            new Member("Sofia Alvarez", Role.CSM, Segment.MID_MARKET, 1.0),
            new Member("James Whitaker", Role.CSM, Segment.MID_MARKET, 0.85),
            new Member("Aisha Bello", Role.CSM, Segment.SMB, 1.0),
            new Member("Tom Lindqvist", Role.CSM, Segment.SMB, 1.0));

    private CsTeam() {
    }

    static List<Member> csms() {
        return MEMBERS.stream().filter(member -> member.role() == Role.CSM).toList();
    }

    /** The email of the CSM who owns a new account of the segment; null for an unowned SMB account. */
    static String ownerFor(Dice dice, Segment segment) {
        if (segment == Segment.SMB && dice.chance(UNOWNED_SMB)) {
            return null;
        }
        List<Member> desk = MEMBERS.stream().filter(member -> member.desk() == segment).toList();
        double[] weights = desk.stream().mapToDouble(Member::bookWeight).toArray();
        return desk.get(dice.weighted(weights)).email();
    }
}
