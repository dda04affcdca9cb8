from django.urls import path

from .views import comments, editor, history, home, invitations, materials, members, steps

app_name = "lessons"

plan = "<int:plan_id>/"
step = plan + "steps/<int:step_id>/"

urlpatterns = [
    path("", home.my_lessons, name="my_lessons"),
    path("new/", home.new_plan, name="new"),
    path("add-material/<int:page_id>/", materials.add_material, name="add_material"),
    path(plan, editor.plan_editor, name="plan"),
    path(plan + "details/", editor.show_header, name="header"),
    path(plan + "details/edit/", editor.edit_header, name="edit_header"),
    path(plan + "visibility/", editor.change_visibility, name="visibility"),
    path(plan + "delete/", editor.delete_plan, name="delete"),
    path(plan + "duplicate/", home.duplicate, name="duplicate"),
    path(plan + "steps/add/", steps.add, name="add_step"),
    path(plan + "steps/reorder/", steps.reorder, name="reorder_steps"),
    path(plan + "steps/materials/", steps.material_search, name="material_search"),
    path(step, steps.show, name="step"),
    path(step + "edit/", steps.edit, name="edit_step"),
    path(step + "delete/", steps.delete, name="delete_step"),
    path(step + "move/", steps.move, name="move_step"),
    path(plan + "co-planners/", members.members, name="members"),
    path(plan + "co-planners/colleagues/", members.colleagues, name="colleagues"),
    path(plan + "co-planners/<int:member_id>/", members.update_member, name="update_member"),
    path(
        plan + "invitations/<int:invitation_id>/revoke/",
        members.revoke_invitation,
        name="revoke_invitation",
    ),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path(plan + "leave/", members.leave, name="leave"),
    path(plan + "transfer/", members.transfer, name="transfer"),
    path(plan + "history/", history.history, name="history"),
    path(plan + "history/compare/", history.compare_revisions, name="compare"),
    path(plan + "history/<int:number>/", history.revision, name="revision"),
    path(plan + "history/<int:number>/restore/", history.restore, name="restore"),
    path(plan + "history/<int:number>/name/", history.name_revision, name="name_revision"),
    path(plan + "comments/", comments.add_comment, name="add_comment"),
    path(
        plan + "comments/<int:comment_id>/delete/", comments.delete_comment, name="delete_comment"
    ),
]
