package dev.actionbox.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the message of an event says about being machine-made, and what follows from it:
 * nothing ever replies to machine mail (that is how mail loops start), and by default no new
 * task is made from a bounce or an auto-reply, though one may join a task that is already open
 * in its thread. A workflow whose conditions test the flag itself (say {@code is_bounce eq
 * true}) has asked for such mail and gets its tasks.
 */
record MachineMail(boolean bounce, boolean autoReply, boolean list) {

    private static final Set<String> BOUNCE_FIELDS = Set.of("is_bounce", "message.flags.bounce");
    private static final Set<String> AUTO_REPLY_FIELDS =
            Set.of("is_auto_reply", "message.flags.auto_submitted");

    @SuppressWarnings("unchecked")
    static MachineMail of(Map<String, Object> payload) {
        Object message = payload.get("message");
        if (!(message instanceof Map<?, ?> view)
                || !(view.get("flags") instanceof Map<?, ?> flags)) {
            return new MachineMail(false, false, false);
        }
        Map<String, Object> f = (Map<String, Object>) flags;
        return new MachineMail(Boolean.TRUE.equals(f.get("bounce")),
                Boolean.TRUE.equals(f.get("auto_submitted")), Boolean.TRUE.equals(f.get("list")));
    }

    boolean any() {
        return bounce || autoReply || list;
    }

    /** Why this workflow may not reply. */
    Optional<String> noReplyReason() {
        return any() ? Optional.of("no reply is drafted to auto-replies, bounces or list mail")
                : Optional.empty();
    }

    /** Why this workflow may not make a new task from the message. */
    Optional<String> noNewTaskReason(Workflow workflow) {
        if (bounce && !mentions(workflow.conditions(), BOUNCE_FIELDS)) {
            return Optional.of("the message is a bounce");
        }
        if (autoReply && !mentions(workflow.conditions(), AUTO_REPLY_FIELDS)) {
            return Optional.of("the message is an automatic reply");
        }
        return Optional.empty();
    }

    private static boolean mentions(List<Condition> conditions, Set<String> fields) {
        for (Condition condition : conditions) {
            if (condition instanceof Condition.Test test && fields.contains(test.field())
                    || condition instanceof Condition.Any any && mentions(any.conditions(), fields)
                    || condition instanceof Condition.All all
                            && mentions(all.conditions(), fields)) {
                return true;
            }
        }
        return false;
    }
}
