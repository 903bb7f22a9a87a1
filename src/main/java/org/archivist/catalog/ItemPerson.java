package org.archivist.catalog;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A person's credit on an item, in one role; a person may hold several roles on one item. */
@Entity
@Table(name = "item_people")
public class ItemPerson {

    @EmbeddedId
    private Key key;

    @MapsId("itemId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Item item;

    @MapsId("personId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "person_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Person person;

    protected ItemPerson() {
    }

    ItemPerson(Item item, Person person, PersonRole role) {
        this.key = new Key(item.getId(), person.getId(), role);
        this.item = item;
        this.person = person;
    }

    public Item getItem() { return item; }
    public Person getPerson() { return person; }
    public PersonRole getRole() { return key.role; }

    /** The composite primary key (item_id, person_id, role). */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "item_id")
        private Long itemId;
        @Column(name = "person_id")
        private Long personId;
        @Column(name = "role")
        private PersonRole role;

        protected Key() {
        }

        Key(Long itemId, Long personId, PersonRole role) {
            this.itemId = itemId;
            this.personId = personId;
            this.role = role;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(itemId, key.itemId)
                    && Objects.equals(personId, key.personId) && role == key.role;
        }

        @Override
        public int hashCode() {
            return Objects.hash(itemId, personId, role);
        }
    }
}
