package org.archivist.catalog;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tags, people and studios over HTTP. */
@RestController
class TagController {

    private final TagService tags;
    private final PeopleService people;

    TagController(TagService tags, PeopleService people) {
        this.tags = tags;
        this.people = people;
    }

    @GetMapping("/api/tags")
    List<TagSchemas.Response> tags(@RequestParam(required = false) String category) {
        return tags.list(category).stream().map(TagSchemas.Response::of).toList();
    }

    @GetMapping("/api/tags/{id}")
    TagSchemas.Response tag(@PathVariable long id) {
        return TagSchemas.Response.of(tags.get(id));
    }

    @PostMapping("/api/tags")
    ResponseEntity<TagSchemas.Response> create(@RequestBody TagSchemas.Create request) {
        Tag tag = tags.create(request);
        return ResponseEntity.created(URI.create("/api/tags/" + tag.getId())).body(TagSchemas.Response.of(tag));
    }

    @PatchMapping("/api/tags/{id}")
    TagSchemas.Response change(@PathVariable long id, @RequestBody TagSchemas.Update request) {
        return TagSchemas.Response.of(tags.update(id, request));
    }

    @DeleteMapping("/api/tags/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        tags.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/people")
    List<PersonSchemas.Response> people() {
        return people.people().stream().map(PersonSchemas.Response::of).toList();
    }

    @GetMapping("/api/people/{id}")
    PersonSchemas.Response person(@PathVariable long id) {
        return PersonSchemas.Response.of(people.person(id));
    }

    @PostMapping("/api/people")
    ResponseEntity<PersonSchemas.Response> create(@RequestBody PersonSchemas.Create request) {
        Person person = people.create(request);
        return ResponseEntity.created(URI.create("/api/people/" + person.getId())).body(PersonSchemas.Response.of(person));
    }

    @PatchMapping("/api/people/{id}")
    PersonSchemas.Response change(@PathVariable long id, @RequestBody PersonSchemas.Update request) {
        return PersonSchemas.Response.of(people.update(id, request));
    }

    @DeleteMapping("/api/people/{id}")
    ResponseEntity<Void> deletePerson(@PathVariable long id) {
        people.deletePerson(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/studios")
    List<StudioSchemas.Response> studios() {
        return people.studios().stream().map(StudioSchemas.Response::of).toList();
    }

    @GetMapping("/api/studios/{id}")
    StudioSchemas.Response studio(@PathVariable long id) {
        return StudioSchemas.Response.of(people.studio(id));
    }

    @PostMapping("/api/studios")
    ResponseEntity<StudioSchemas.Response> create(@RequestBody StudioSchemas.Create request) {
        Studio studio = people.create(request);
        return ResponseEntity.created(URI.create("/api/studios/" + studio.getId())).body(StudioSchemas.Response.of(studio));
    }

    @PatchMapping("/api/studios/{id}")
    StudioSchemas.Response change(@PathVariable long id, @RequestBody StudioSchemas.Update request) {
        return StudioSchemas.Response.of(people.update(id, request));
    }

    @DeleteMapping("/api/studios/{id}")
    ResponseEntity<Void> deleteStudio(@PathVariable long id) {
        people.deleteStudio(id);
        return ResponseEntity.noContent().build();
    }
}
