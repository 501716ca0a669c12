package dev.actionbox.contact;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/contacts}: part of the context scopes, as the seed's token expects. */
public final class ContactRoutes {

    private static final Schema EMAIL = Schema.object()
            .with("label", Schema.string(200).orNull())
            .with("address", Schema.text(320))
            .require("address")
            .named("ContactEmail");
    private static final Schema PHONE = Schema.any().describedAs(
            "{label, number} or a number as a string");
    private static final Schema CONTACT = Schema.object()
            .with("id", Schema.string())
            .with("full_name", Schema.string().orNull())
            .with("emails", Schema.array(EMAIL.require("label").named("ContactEmailView")))
            .with("phones", Schema.array(Schema.openObject()))
            .with("notes", Schema.string().orNull())
            .with("owner", Schema.string().orNull())
            .with("organization", Schema.string().orNull())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "full_name", "emails", "phones", "notes", "owner", "organization",
                    "created_at", "updated_at")
            .named("Contact");
    private static final Schema NEW_CONTACT = Schema.object()
            .with("id", Schema.string(70).orNull().describedAs(
                    "An id of your choice such as ctc_123; default a new one"))
            .with("full_name", Schema.string(10_000).orNull())
            .with("emails", Schema.array(EMAIL).orNull())
            .with("phones", Schema.array(PHONE).orNull())
            .with("notes", Schema.string(10_000).orNull())
            .with("owner", Schema.string(10_000).orNull())
            .with("organization", Schema.string(10_000).orNull())
            .named("NewContact");
    private static final Schema CONTACT_CHANGES = NEW_CONTACT.without("id").named("ContactChanges");

    private ContactRoutes() {
    }

    public static void register(RouteTable routes, ContactService contacts) {
        routes.post("/v1/contacts", Scope.CONTEXT_WRITE, "Create a contact",
                        call -> ApiResponse.created(contacts.create(call.jsonObject(),
                                call.actor())))
                .accepts(NEW_CONTACT).answers(201, CONTACT)
                .get("/v1/contacts", Scope.CONTEXT_READ, "List contacts",
                        call -> call.page(contacts.list(call.cursorId(), call.limit(),
                                call.query("address"))))
                .paged().query("address", Schema.string(), "Only the contact with this address")
                .answers(200, Schema.page(CONTACT))
                .get("/v1/contacts/{id}", Scope.CONTEXT_READ, "Get a contact",
                        call -> contacts.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("contact", call.path("id"))))
                .answers(200, CONTACT)
                .patch("/v1/contacts/{id}", Scope.CONTEXT_WRITE, "Change a contact",
                        call -> contacts.update(call.path("id"), call.jsonObject(),
                                call.actor()))
                .accepts(CONTACT_CHANGES).answers(200, CONTACT);
    }
}
