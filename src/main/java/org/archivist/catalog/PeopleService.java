package org.archivist.catalog;

import java.util.List;

import org.archivist.db.NotFoundException;
import org.archivist.validation.RequestValidator;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People (performers, authors, artists, directors) and studios (with their parents). */
@Service
public class PeopleService {

    private final PersonRepository people;
    private final StudioRepository studios;
    private final RequestValidator validator;

    PeopleService(PersonRepository people, StudioRepository studios, RequestValidator validator) {
        this.people = people;
        this.studios = studios;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public List<Person> people() {
        return people.findAll(Sort.by("name", "id"));
    }

    @Transactional(readOnly = true)
    public Person person(long id) {
        return people.findById(id).orElseThrow(() -> new NotFoundException("person", id));
    }

    @Transactional
    public Person create(PersonSchemas.Create request) {
        validator.validate(request);
        Person person = new Person(request.name().strip());
        person.setDisambiguation(request.disambiguation());
        person.setStashId(request.stashId());
        return people.save(person);
    }

    /** The person of that name in any letter case (the first, when several share it), created when there is none. */
    @Transactional
    public Person personNamed(String name) {
        String trimmed = name == null ? "" : name.strip();
        List<Person> named = people.findByNameIgnoreCase(trimmed);
        return named.isEmpty() ? create(new PersonSchemas.Create(trimmed, null, null)) : named.get(0);
    }

    /** The studio of that name in any letter case, created when there is none. */
    @Transactional
    public Studio studioNamed(String name) {
        String trimmed = name == null ? "" : name.strip();
        List<Studio> named = studios.findByNameIgnoreCase(trimmed);
        return named.isEmpty() ? create(new StudioSchemas.Create(trimmed, null, null)) : named.get(0);
    }

    @Transactional
    public Person update(long id, PersonSchemas.Update request) {
        validator.validate(request);
        Person person = person(id);
        if (request.name() != null) person.setName(request.name().strip());
        if (request.disambiguation() != null) person.setDisambiguation(request.disambiguation());
        if (request.aliases() != null) person.setAliases(request.aliases());
        return person;
    }

    /** Deletes the person and their credits on every item. */
    @Transactional
    public void deletePerson(long id) {
        people.delete(person(id));
    }

    @Transactional(readOnly = true)
    public List<Studio> studios() {
        return studios.findAll(Sort.by("name", "id"));
    }

    @Transactional(readOnly = true)
    public Studio studio(long id) {
        return studios.findById(id).orElseThrow(() -> new NotFoundException("studio", id));
    }

    @Transactional
    public Studio create(StudioSchemas.Create request) {
        validator.validate(request);
        Studio studio = new Studio(request.name().strip());
        studio.setStashId(request.stashId());
        if (request.parentId() != null) studio.setParent(studio(request.parentId()));
        return studios.save(studio);
    }

    /** A studio's parent may not be itself or one of its own children, however deep. */
    @Transactional
    public Studio update(long id, StudioSchemas.Update request) {
        validator.validate(request);
        Studio studio = studio(id);
        if (request.name() != null) studio.setName(request.name().strip());
        if (request.parentId() != null) {
            Studio parent = studio(request.parentId());
            for (Studio up = parent; up != null; up = up.getParent()) {
                if (up.getId().equals(studio.getId())) {
                    throw new IllegalArgumentException("parentId: studio " + parent.getId() + " is " + studio.getName()
                            + " itself or one of its children");
                }
            }
            studio.setParent(parent);
        }
        return studio;
    }

    /** Deletes the studio; its items keep no studio, its children lose their parent. */
    @Transactional
    public void deleteStudio(long id) {
        Studio studio = studio(id);
        studios.findAll().stream().filter(s -> s.getParent() != null && s.getParent().getId().equals(id)).forEach(s -> s.setParent(null));
        studios.delete(studio);
    }
}
